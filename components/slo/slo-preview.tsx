"use client";

import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { ApiError } from "@/components/ui/api-client";
import type { SloStatus } from "@/lib/server/services/slo-status";
import { BudgetBar } from "./budget-bar";
import { burn, count, percent } from "./format";
import { StatusBadge } from "./status-badge";

export type PreviewResult = {
  figures: {
    status: SloStatus;
    objective: number;
    sli: number | null;
    budget: { remaining: number; good: number; valid: number; bad: number; allowed: number; coverage: number };
    burnRates: Record<string, number>;
    window: { start: string; end: string };
    alerts: { severity: string; longWindow: string; shortWindow: string }[];
  };
  hours: { start: string; good: number; valid: number; sli: number | null }[];
};

function Problem({ error }: { error: unknown }) {
  if (!(error instanceof ApiError)) return <p role="status">The preview could not be computed: {String(error)}</p>;
  if (error.status === 422) return <p role="status">Fix the fields marked ⚠ to see the preview{error.issues.length ? ` (${error.issues.length} to fix)` : ""}.</p>;
  return <p role="status" className="status" data-state="warning">Preview unavailable: {error.message}</p>;
}

/** What the SLO would show if saved now, recomputed as the form changes. */
export function SloPreview({ result, isFetching, error }: { result: PreviewResult | null; isFetching: boolean; error: unknown }) {
  const f = result?.figures;
  const hours = result?.hours ?? [];
  const counted = hours.reduce((s, h) => s + h.valid, 0);
  return (
    <aside className="editor-preview card" aria-label="Preview" aria-busy={isFetching}>
      <h2>Preview <span className="muted">{isFetching ? "· updating…" : "· the last day, as if saved now"}</span></h2>
      {error ? <Problem error={error} /> : null}
      {f ? (
        <div style={{ opacity: error ? 0.5 : 1 }}>
          <dl className="facts">
            <dt>Status</dt><dd><StatusBadge status={f.status} /></dd>
            <dt>SLI over the window</dt><dd>{percent(f.sli, 3)} <span className="muted">({count(f.budget.good)} good of {count(f.budget.valid)})</span></dd>
            <dt>Budget remaining</dt><dd><BudgetBar remaining={f.budget.remaining} hasData={f.status !== "no-data"} /> <span className="muted">{count(f.budget.bad)} bad of {count(f.budget.allowed)} allowed</span></dd>
            <dt>Burn rate, last hour</dt><dd>{burn(f.burnRates["1h"] ?? 0)}×</dd>
            <dt>Alert tiers firing</dt><dd>{f.alerts.length === 0 ? "none" : f.alerts.map((a) => `${a.severity} ${a.longWindow}/${a.shortWindow}`).join(", ")}</dd>
          </dl>
          {counted === 0 ? (
            <p className="muted">No events in the last day match these selectors. Check the metric names and labels, or send data first.</p>
          ) : (
            <TimeSeriesChart
              title="SLI per hour, last 24 hours"
              unit="percent"
              points={hours.map((h) => ({ t: Date.parse(h.start), sli: h.sli }))}
              series={[{ key: "sli", label: "SLI" }]}
              thresholds={[{ value: f.objective, label: `objective ${percent(f.objective, 2)}` }]}
              height={200}
            />
          )}
        </div>
      ) : !error ? <p className="muted">Computing…</p> : null}
    </aside>
  );
}
