import type { CounterSample } from "@/lib/domain/counter-increase";
import type { SeriesMemo } from "@/lib/domain/ingest-limits";

/** `key`, when given, is seriesKey(metric, labels), computed once by a decoder that keeps it (and `memo` with it). */
export type StoreSeries = { metric: string; labels: Readonly<Record<string, string>>; key?: string; memo?: SeriesMemo; samples: CounterSample[] };
export type StoreResult = { series: number; accepted: number; dropped: Record<string, number> };
