import type { CounterSample } from "@/lib/domain/counter-increase";

export type StoreSeries = { metric: string; labels: Record<string, string>; samples: CounterSample[] };
export type StoreResult = { series: number; accepted: number; dropped: Record<string, number> };
