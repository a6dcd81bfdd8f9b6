import "server-only";
import type { StoreSeries } from "./store-types";

// What ingest has made visible since a reader last asked: per metric, the earliest sample time
// stored. Readers that keep sums of rollups (lib/server/datasources/rollup-cache.ts) drop the
// sums those samples may have changed. Kept on globalThis so every bundle of the server process
// shares it, like the sample log.

export type RollupChanges = { everything: boolean; earliestByMetric: Map<string, number> };

const state = globalThis as unknown as { steadystateRollupChanges?: RollupChanges };

function changes(): RollupChanges {
  return (state.steadystateRollupChanges ??= { everything: false, earliestByMetric: new Map() });
}

/** After a batch is acknowledged (it is durable, and readers flush before they read). */
export function noteStored(batch: readonly StoreSeries[]): void {
  const { earliestByMetric } = changes();
  const note = (metric: string, earliest: number) => {
    if (earliest !== Number.POSITIVE_INFINITY) earliestByMetric.set(metric, Math.min(earliestByMetric.get(metric) ?? earliest, earliest));
  };
  // Series of one metric mostly come together (a scrape's histogram buckets, a shard's batch): the
  // map is touched once per run of them.
  let metric = batch[0]?.metric ?? "";
  let earliest = Number.POSITIVE_INFINITY;
  for (const series of batch) {
    if (series.metric !== metric) {
      note(metric, earliest);
      metric = series.metric;
      earliest = Number.POSITIVE_INFINITY;
    }
    for (const sample of series.samples) if (sample.t < earliest) earliest = sample.t;
  }
  note(metric, earliest);
}

/** Rollups were deleted or rewritten outside ingest (retention, a test's reset): forget every sum. */
export function noteEverythingChanged(): void {
  changes().everything = true;
}

/** The changes since the last call, and a fresh record for the next ones. */
export function takeChanges(): RollupChanges {
  const taken = changes();
  state.steadystateRollupChanges = { everything: false, earliestByMetric: new Map() };
  return taken;
}
