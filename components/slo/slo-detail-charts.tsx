import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { percent } from "./format";
import type { SloDetail } from "./slo-detail-types";

/** The ideal burn-down: 100% at window start falling straight to 0 at window end. */
function ideal(t: number, start: number, end: number): number {
  return Math.max(0, 1 - (t - start) / (end - start));
}

/**
 * The axis runs down from 100% in four round steps (recharts ticks a fixed domain evenly), so it
 * reads 100%, 75%, 50%… or 100%, 50%, 0%, −50%… rather than odd percentages.
 */
function budgetAxisFloor(lowest: number): number {
  const step = [0.25, 0.5, 1, 2, 5, 10, 25, 100].find((s) => 1 - 4 * s <= lowest) ?? Math.ceil((1 - lowest) / 4);
  return 1 - 4 * step;
}

export function SloDetailCharts({ slo }: { slo: SloDetail }) {
  const start = Date.parse(slo.window.start);
  // A calendar window's end is now; the ideal line runs to the end of its period.
  const end = start + slo.window.periodMs;
  const { series } = slo;
  if (!series.points) {
    return <p className="empty-state" role="status">The budget and SLI over the window cannot be drawn: {series.error}</p>;
  }
  const burnDown = [
    { t: start, remaining: null, ideal: 1 },
    ...series.points.map((p) => ({ t: Date.parse(p.at), remaining: p.remaining, ideal: ideal(Date.parse(p.at), start, end) })),
    // A calendar window's period goes on past now: the ideal line still reaches 0 at its end.
    ...(Date.parse(slo.window.end) < end ? [{ t: end, remaining: null, ideal: 0 }] : []),
  ];
  const sli = series.points.map((p) => ({ t: Date.parse(p.at), sli: p.sli }));
  const objective = Number(slo.definition.objective);
  const lowest = Math.min(objective, ...series.points.map((p) => p.sli ?? 1));
  return (
    <section className="grid slo-charts" aria-label="Error budget and SLI over the window">
      <div className="card">
        <TimeSeriesChart
          title="Error budget burn-down over the window"
          points={burnDown}
          series={[{ key: "remaining", label: "Budget remaining" }, { key: "ideal", label: "Ideal (even burn)", dashed: true, color: "#999999" }]}
          unit="percent"
          domain={{ from: start, to: end }}
          yDomain={[budgetAxisFloor(Math.min(...series.points.map((p) => p.remaining ?? 0))), 1]}
          thresholds={[{ value: 0, label: "exhausted" }]}
        />
      </div>
      <div className="card">
        <TimeSeriesChart
          title={`SLI per step (${Math.round(series.stepMs / 60_000)} min)`}
          points={sli}
          series={[{ key: "sli", label: "SLI" }]}
          unit="percent"
          domain={{ from: start, to: end }}
          // Room below the objective line so it is never drawn on the axis.
          yDomain={[Math.max(0, lowest - (1 - lowest) * 0.5), 1]}
          thresholds={[{ value: objective, label: `objective ${percent(objective, 2)}` }]}
        />
      </div>
    </section>
  );
}
