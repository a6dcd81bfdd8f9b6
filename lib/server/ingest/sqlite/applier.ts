import { type RollingSeries, rollInto, type RollupCell } from "@/lib/domain/rollup";
import { decodeLogPayload } from "./log-codec";
import type { LogRow } from "./log-db";
import { type NewSeries, type RollupWriter, stateOf } from "./statements";

/** About 140 bytes each (state and record): states of series not touched since the last apply go past this many. */
export const DEFAULT_MAX_CACHED_SERIES = 500_000;

export type Applied = { through: number; samples: number };

/** A series' state, and while they await writing, the cells its logged samples made (in bucket order). */
type Held = { last: RollingSeries["last"]; minutes: RollupCell[] | null; hours: RollupCell[] | null };

/**
 * Folds logged samples into the rollups (architecture.md "Sample store"). It rolls each log row
 * up again against the series states it keeps (rollInto is deterministic, so it drops exactly
 * what the request thread dropped when it acknowledged the row), summing each series' cells in
 * memory until it writes them, the new series, their states and the log cursor in one
 * transaction: a crash anywhere leaves each logged sample applied exactly once. It is the only
 * writer of series rows and rollups on SQLite, on the applier worker (applier-worker.ts), or on
 * the request thread at start, for what a crash left in the log.
 */
export class Applier {
  private readonly held = new Map<number, Held>();
  /** Series with cells to write, each once. */
  private touched: number[] = [];
  private newSeries: NewSeries[] = [];
  /** The newest row added, and the newest written. */
  private through = 0;
  private appliedThrough = 0;
  private rowSamples = 0;

  constructor(
    private readonly sql: RollupWriter,
    private readonly maxCachedSeries = DEFAULT_MAX_CACHED_SERIES,
  ) {}

  /** Samples added but not yet written. */
  get backlog(): number {
    return this.rowSamples;
  }

  /** Rows must come in id order; a row at or before one already added is ignored. */
  add(row: LogRow): void {
    if (row.id <= this.through) return;
    if (row.series) {
      for (const s of JSON.parse(row.series) as NewSeries[]) {
        this.newSeries.push(s);
        this.held.set(s.id, { last: null, minutes: null, hours: null });
      }
    }
    for (const { id, samples } of decodeLogPayload(row.payload)) {
      const series = this.held.get(id) ?? this.load(id, row.id);
      if (series.minutes === null) {
        series.minutes = [];
        series.hours = [];
        this.touched.push(id);
      }
      rollInto(series as RollingSeries, samples);
    }
    this.through = row.id;
    this.rowSamples += row.samples;
  }

  /** Writes what was added; null when there was nothing. Throws (keeping it all) when the write fails. */
  apply(): Applied | null {
    if (this.through === this.appliedThrough) return null;
    const ids = this.touched.sort((a, b) => a - b); // in key order: fewer B-tree pages touched
    this.sql.transaction(() => {
      const createdAt = new Date();
      for (const s of this.newSeries) this.sql.insertSeries(s, createdAt);
      const minutes = this.sql.minuteCells();
      const hours = this.sql.hourCells();
      for (const id of ids) {
        const series = this.held.get(id)!;
        // A series whose samples were all dropped has no cells and an unchanged state.
        if (series.minutes!.length === 0) continue;
        for (const cell of series.minutes!) minutes.add(id, cell);
        for (const cell of series.hours!) hours.add(id, cell);
        this.sql.saveState(id, series.last!);
      }
      minutes.end();
      hours.end();
      this.sql.setCursor(this.through);
    });
    const applied = { through: this.through, samples: this.rowSamples };
    for (const id of ids) {
      const series = this.held.get(id)!;
      series.minutes = null;
      series.hours = null;
    }
    this.touched = [];
    this.newSeries = [];
    this.appliedThrough = this.through;
    this.rowSamples = 0;
    this.trim();
    return applied;
  }

  private load(id: number, rowId: number): Held {
    // Not held: no sample of it awaits writing, so its row is current.
    const row = this.sql.getSeriesById(id);
    if (!row) throw new Error(`ingest log row ${rowId} names series ${id}, which does not exist`);
    const series: Held = { last: stateOf(row), minutes: null, hours: null };
    this.held.set(id, series);
    return series;
  }

  /** Every state now matches its row (nothing awaits writing), so any may go: the oldest first. */
  private trim(): void {
    let excess = this.held.size - this.maxCachedSeries;
    for (const id of this.held.keys()) {
      if (excess-- <= 0) break;
      this.held.delete(id);
    }
  }
}
