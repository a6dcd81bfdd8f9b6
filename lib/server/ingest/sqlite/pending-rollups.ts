import type { CounterState } from "@/lib/domain/counter-increase";
import { mergeRollupCell, type RollupCell, type SeriesRollup } from "@/lib/domain/rollup";

export type PendingSeries = { minutes: Map<number, RollupCell>; hours: Map<number, RollupCell>; last: CounterState };

/**
 * Rollups acknowledged (their samples are in the log) but not yet written, summed per series and
 * bucket. Many requests touching the same series and minute become one row write: this, not the
 * log, is what lifts the write rate past one row per sample.
 */
export class PendingRollups {
  readonly series = new Map<number, PendingSeries>();
  /** Samples summed in here: the applier's backlog, which the ingest queue's bound counts. */
  samples = 0;

  add(seriesId: number, rollup: SeriesRollup): void {
    if (rollup.accepted === 0) return;
    this.samples += rollup.accepted;
    const pending = this.series.get(seriesId);
    if (!pending) {
      this.series.set(seriesId, {
        minutes: new Map(rollup.minutes.map((c) => [c.bucket, c])),
        hours: new Map(rollup.hours.map((c) => [c.bucket, c])),
        last: rollup.last!,
      });
      return;
    }
    fold(pending.minutes, rollup.minutes);
    fold(pending.hours, rollup.hours);
    pending.last = rollup.last!;
  }

  clear(): void {
    this.series.clear();
    this.samples = 0;
  }
}

function fold(into: Map<number, RollupCell>, cells: readonly RollupCell[]): void {
  for (const cell of cells) {
    const existing = into.get(cell.bucket);
    if (existing) mergeRollupCell(existing, cell);
    else into.set(cell.bucket, cell);
  }
}
