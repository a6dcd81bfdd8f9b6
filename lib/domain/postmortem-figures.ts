/**
 * Figures frozen when a postmortem is published, against the same figures recomputed now: late
 * samples, exclusions added since or edited incident times can change what the data says, and the
 * reader should see both what was published and how it moved. Pure: both sides are passed in.
 */

export type SloFigures = {
  slo: { id: string; name: string; service: string; objective: string };
  window: { good: number; valid: number; bad: number } | null;
  period: { start: string; end: string; good: number; valid: number; bad: number; allowed: number } | null;
  /** Fraction of the period's budget spent in the window. */
  consumed: number | null;
  error: string | null;
};
export type Durations = { ttdMs: number | null; ttmMs: number | null; ttrMs: number | null };
export type FigureSet = { window: { start: string; end: string }; durations: Durations; budgets: SloFigures[] };

export type FigureUnit = "count" | "fraction" | "ms" | "time" | "text";
export type FigureChange = { what: string; unit: FigureUnit; frozen: number | string | null; live: number | string | null };

const DIFFERENT = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? Math.abs(a - b) > 1e-9 : a !== b);

/**
 * Every figure that differs, named for a person ("checkout / availability: bad events"), frozen
 * value first. Empty when the live recomputation says exactly what was published.
 */
export function figureChanges(frozen: FigureSet, live: FigureSet): FigureChange[] {
  const changes: FigureChange[] = [];
  const push = (what: string, unit: FigureUnit, a: number | string | null, b: number | string | null) => {
    if (DIFFERENT(a, b)) changes.push({ what, unit, frozen: a, live: b });
  };
  push("Incident window start", "time", frozen.window.start, live.window.start);
  push("Incident window end", "time", frozen.window.end, live.window.end);
  push("Time to detect", "ms", frozen.durations.ttdMs, live.durations.ttdMs);
  push("Time to resolve", "ms", frozen.durations.ttrMs, live.durations.ttrMs);
  const liveById = new Map(live.budgets.map((b) => [b.slo.id, b]));
  for (const f of frozen.budgets) {
    const name = `${f.slo.service} / ${f.slo.name}`;
    const l = liveById.get(f.slo.id);
    if (!l) {
      changes.push({ what: `${name}: SLO`, unit: "text", frozen: "cited", live: "no longer cited, or deleted" });
      continue;
    }
    push(`${name}: bad events in window`, "count", f.window?.bad ?? null, l.window?.bad ?? null);
    push(`${name}: valid events in window`, "count", f.window?.valid ?? null, l.window?.valid ?? null);
    push(`${name}: period's allowed bad events`, "count", f.period?.allowed ?? null, l.period?.allowed ?? null);
    push(`${name}: share of period's budget`, "fraction", f.consumed, l.consumed);
    push(`${name}: data source`, "text", f.error ?? "answered", l.error ?? "answered");
  }
  const frozenIds = new Set(frozen.budgets.map((b) => b.slo.id));
  for (const l of live.budgets) if (!frozenIds.has(l.slo.id)) changes.push({ what: `${l.slo.service} / ${l.slo.name}: SLO`, unit: "text", frozen: "not cited", live: "cited" });
  return changes;
}
