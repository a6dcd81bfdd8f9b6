import Link from "next/link";
import { StateBandChart } from "@/components/charts/state-band-chart";
import { type ChartPoint, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { duration } from "@/components/slo/format";
import type { getBreakerDetail } from "@/lib/server/services/breakers";
import { BREAKER_BAND_STATES, BREAKER_LOOK, BreakerStateBadge } from "./breaker-state";
import { failureRateText } from "./breaker-table";

type Detail = Awaited<ReturnType<typeof getBreakerDetail>>;
const MAX_ROWS = 100;
const at = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

/** One breaker: its state band over the range, the owning service's SLOs below on the same axis. */
export function BreakerDetail({ detail, domain }: { detail: Detail; domain: { from: number; to: number } }) {
  const b = detail.breaker;
  // The spans the breaker was not closed, shaded on the SLO charts so cause and effect line up.
  const markers = b.segments
    .filter((s) => s.state === "open" || s.state === "half-open")
    .reduce<{ t: number; until: number; label: string; color: string }[]>((spans, s) => {
      const last = spans.at(-1);
      if (last && last.until === s.from) last.until = s.to;
      else spans.push({ t: s.from, until: s.to, label: "breaker open", color: "var(--danger)" });
      return spans;
    }, []);
  const shown = [...b.transitions].reverse().slice(0, MAX_ROWS);
  const points = (key: "burnRate" | "errorRate"): ChartPoint[] => {
    const byT = new Map<number, ChartPoint>();
    for (const [i, slo] of detail.slos.entries()) for (const p of slo.points) byT.set(p.t, { ...(byT.get(p.t) ?? { t: p.t }), [`s${i}`]: p[key] });
    return [...byT.values()].sort((x, y) => x.t - y.t);
  };
  const series = detail.slos.map((slo, i) => ({ key: `s${i}`, label: slo.name }));
  return (
    <>
      <div className="grid" style={{ marginBottom: 16 }}>
        <div className="card"><div className="muted">State now</div><div className="stat"><BreakerStateBadge state={b.state} /></div><div className="muted">since {at(b.stateSince)}</div></div>
        <div className="card"><div className="muted">Open or half-open in range</div><div className="stat">{duration(b.stats.openMs + b.stats.halfOpenMs)}</div><div className="muted">{b.stats.opens} trips{b.isFlapping ? " · flapping" : ""}</div></div>
        <div className="card"><div className="muted">Transitions in range</div><div className="stat">{b.stats.transitions}</div></div>
        <div className="card"><div className="muted">Failure rate</div><div className="stat">{failureRateText(b)}</div><div className="muted">{b.rejectedInRange === null ? `${b.library} does not count rejected calls` : `${b.rejectedInRange} calls rejected in range`}</div></div>
      </div>
      <dl className="facts card" style={{ marginBottom: 16 }}>
        <dt>Service</dt><dd><Link href={`/services/${encodeURIComponent(b.service)}`}>{b.service}</Link></dd>
        <dt>Dependency</dt><dd>{b.dependency}</dd>
        <dt>Library</dt><dd>{b.library}</dd>
        <dt>Last heard from</dt><dd>{at(b.lastSeenAt)}</dd>
      </dl>
      <section className="card breaker-charts" aria-label="State and SLO over the range">
        <StateBandChart title="Breaker state" segments={b.segments} states={BREAKER_BAND_STATES} domain={domain} />
        {detail.slos.length === 0 ? (
          <p className="muted">No SLO is defined for {b.service}, so there is no burn rate to set beside the breaker. Define one with <code>POST /api/slos</code>.</p>
        ) : (
          <>
            <TimeSeriesChart title={`${b.service} SLO burn rate`} points={points("burnRate")} series={series} unit="burn" domain={domain} thresholds={[{ value: 1, label: "budget pace" }]} markers={markers} height={200} />
            <TimeSeriesChart title={`${b.service} error rate`} points={points("errorRate")} series={series} unit="percent" domain={domain} markers={markers} height={200} />
          </>
        )}
      </section>
      <h2>Transitions</h2>
      {b.transitions.length === 0 ? (
        <p className="muted">No transitions in this range: the breaker stayed {BREAKER_LOOK[b.segments.at(-1)?.state ?? "unknown"].label.toLowerCase()}. Widen the range to see earlier ones.</p>
      ) : (
        <table className="data">
          <caption className="muted" style={{ textAlign: "left", padding: "0 0 8px" }}>
            {b.transitions.length > MAX_ROWS ? `Newest ${MAX_ROWS} of ${b.transitions.length}; narrow the range to see the others` : `${b.transitions.length} in this range, newest first`}
          </caption>
          <thead><tr><th scope="col">At</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Reported by</th></tr></thead>
          <tbody>
            {shown.map((t, i) => (
              <tr key={`${t.at}-${i}`}>
                <td><time dateTime={t.at}>{at(t.at)}</time></td>
                <td>{t.from ? <BreakerStateBadge state={t.from} /> : <span className="muted">—</span>}</td>
                <td><BreakerStateBadge state={t.to} /></td>
                <td className="muted">{t.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
