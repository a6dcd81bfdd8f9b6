import type { CounterSample } from "@/lib/domain/counter-increase";

/** `key`, when given, is seriesKey(metric, labels), computed once by a decoder that keeps it. */
export type StoreSeries = { metric: string; labels: Readonly<Record<string, string>>; key?: string; samples: CounterSample[] };
export type StoreResult = { series: number; accepted: number; dropped: Record<string, number> };
