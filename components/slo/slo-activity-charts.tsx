import { Suspense } from "react";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { TimeRangePicker } from "@/components/ui/time-range-picker";
import type { SloActivity } from "@/lib/server/services/slo-activity";
import { burn, percent } from "./format";

type Props = { activity: SloActivity | null; error: string | null; objective: number; rangeLabel: string };

const HOUR_MS = 3_600_000;
const stepText = (ms: number) => (ms >= HOUR_MS ? `${ms / HOUR_MS} h` : `${ms / 60_000} min`);

/** The range picker and the two sections that follow it: burn rates over time, then RED. */
export function SloActivityCharts({ activity, error, objective, rangeLabel }: Props) {
  return (
    <section className="slo-activity" aria-labelledby="activity">
      <div className="slo-activity-head">
        <h2 id="activity">Over the {rangeLabel}</h2>
        <Suspense><TimeRangePicker /></Suspense>
      </div>
      {error || !activity ? (
        <p className="empty-state" role="status">Burn rates and RED over this range cannot be drawn: {error ?? "no data"}</p>
      ) : activity.kind === "timeslice" ? (
        <p className="empty-state" role="status">{activity.note}</p>
      ) : activity.points.length === 0 ? (
        <p className="empty-state" role="status">This range is shorter than one chart step; pick a longer one.</p>
      ) : (
        <>
          <BurnHistory activity={activity} />
          <Red activity={activity} objective={objective} />
        </>
      )}
    </section>
  );
}

function BurnHistory({ activity }: { activity: SloActivity }) {
  const from = Date.parse(activity.range.from);
  const to = Date.parse(activity.range.to);
  return (
    <section className="card" aria-labelledby="burn-history">
      <h3 id="burn-history">Burn rate over time, per alert tier</h3>
      <p className="muted">
        Each point is the burn rate over the window ending there (every {stepText(activity.stepMs)}); a tier fires when both its lines are above its threshold.
        Shaded: when that held.{activity.omittedWindows.length > 0 ? ` ${activity.omittedWindows.join(", ")} windows are drawn for ranges up to 7 days.` : ""}
      </p>
      <div className="grid slo-charts">
        {activity.tiers.map((tier) => {
          const points = activity.points.map((p) => ({ t: Date.parse(p.at), long: p.burnRates[tier.longWindow] ?? null, short: p.burnRates[tier.shortWindow] ?? null }));
          const firing = tier.firing ?? [];
          const peak = Math.max(tier.factor, ...points.flatMap((p) => [p.long ?? 0, p.short ?? 0]));
          return (
            <div key={tier.tier} className="tier-chart">
              <TimeSeriesChart
                title={`${tier.tier}: threshold ${burn(tier.factor)}×${tier.firing === null ? " (short window not drawn at this range)" : firing.length > 0 ? `, fired ${firing.length}×` : ", never fired"}`}
                points={points}
                series={[{ key: "long", label: `${tier.longWindow} burn rate` }, { key: "short", label: `${tier.shortWindow} burn rate`, dashed: true }]}
                unit="burn"
                domain={{ from, to }}
                yDomain={[0, Math.ceil(peak * 1.15)]}
                thresholds={[{ value: tier.factor, label: `${burn(tier.factor)}×` }]}
                // Only the first span is labelled: a flapping tier's labels would pile up into noise.
                markers={firing.map((p, i) => ({ t: Date.parse(p.from), until: Date.parse(p.to), label: i === 0 ? "firing" : "", color: "var(--danger)" }))}
                height={200}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}

function Red({ activity, objective }: { activity: SloActivity; objective: number }) {
  const from = Date.parse(activity.range.from);
  const to = Date.parse(activity.range.to);
  const points = activity.points.map((p) => ({ t: Date.parse(p.at), rate: p.rate, errors: p.errors, errorRatio: p.errorRatio }));
  const { duration } = activity;
  const budget = 1 - objective;
  return (
    <section className="card" aria-labelledby="red">
      <h3 id="red">Rate, errors, duration</h3>
      <p className="muted">Per {stepText(activity.stepMs)} step: the SLI&apos;s valid events per second, the share of them that were bad, and latency quantiles estimated from histogram buckets.</p>
      <div className="grid slo-charts red-charts">
        <div>
          <TimeSeriesChart title="Rate: valid events per second" points={points} series={[{ key: "rate", label: "events/s" }]} unit="perSecond" domain={{ from, to }} yDomain={[0, "auto"]} height={200} />
        </div>
        <div>
          <TimeSeriesChart
            title="Errors: share of valid events that were bad"
            points={points}
            series={[{ key: "errorRatio", label: "error ratio" }]}
            unit="percent"
            domain={{ from, to }}
            yDomain={[0, "auto"]}
            thresholds={[{ value: budget, label: `budget ${percent(budget, 2)} (burn 1×)` }]}
            height={200}
          />
          <p className="muted red-errors">Latest step: {activity.points.at(-1)!.bad.toLocaleString("en")} bad of {activity.points.at(-1)!.valid.toLocaleString("en")} ({activity.points.at(-1)!.errors.toFixed(2)}/s)</p>
        </div>
        <div>
          {duration && duration.points ? (
            <TimeSeriesChart
              title={`Duration: ${duration.metric}${duration.source === "same-service" ? " (same service)" : ""}`}
              points={duration.points.map((d) => ({ t: Date.parse(d.at), p50: d.p50, p90: d.p90, p99: d.p99 }))}
              series={[{ key: "p50", label: "p50" }, { key: "p90", label: "p90" }, { key: "p99", label: "p99" }]}
              unit="seconds"
              domain={{ from, to }}
              yDomain={[0, "auto"]}
              thresholds={duration.threshold !== null ? [{ value: duration.threshold, label: `threshold ${duration.threshold} s` }] : []}
              height={200}
            />
          ) : (
            <div className="empty-state" role="status">
              <strong>Duration</strong>
              <p className="duration-hint">{duration?.hint ?? "No latency histogram."}</p>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
