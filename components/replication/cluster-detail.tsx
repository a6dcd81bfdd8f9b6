import { TimeSeriesChart, type ChartMarker, type ChartPoint } from "@/components/charts/time-series-chart";
import type { ClusterDetail } from "@/lib/server/services/replication";
import { formatValue } from "@/components/charts/units";
import { utc } from "./format";
import { MemberTable } from "./member-table";

/** One marker per chart step with failovers, naming every member involved (labels would overlap otherwise). */
function failoverMarkers(events: ClusterDetail["events"], stepMs: number): ChartMarker[] {
  const byStep = new Map<number, Set<string>>();
  for (const e of events.filter((e) => e.kind === "failover")) {
    const t = Math.floor(Date.parse(e.at) / stepMs) * stepMs;
    byStep.set(t, (byStep.get(t) ?? new Set()).add(String(e.detail.member ?? "?")));
  }
  return [...byStep].map(([t, members]) => ({ t, label: `failover: ${[...members].join(", ")}`, color: "var(--danger)" }));
}

/** Why the cluster cannot be seen, in words a person can act on (wrong password, refused, timed out). */
function ProbeErrors({ detail }: { detail: ClusterDetail }) {
  const { cluster } = detail;
  const broken = cluster.members.filter((m) => m.state === "unreachable" && m.error);
  if (!cluster.lastError && broken.length === 0) return null;
  return (
    <div className="banner" data-tone="danger" role="alert">
      <strong>Cannot probe this cluster.</strong>{" "}
      {cluster.lastError ? <>The primary did not answer: {cluster.lastError.replace(/[.?!]$/, "")}.</> : null}
      {broken.filter((m) => m.error !== cluster.lastError).map((m) => <div key={m.name}>{m.name}: {m.error}</div>)}
      <div className="muted small">Last probe {utc(cluster.probedAt)}. Check the connection string, the password and that the host accepts connections from this server.</div>
    </div>
  );
}

export function ClusterDetailView({ detail }: { detail: ClusterDetail }) {
  const { cluster, chart, events } = detail;
  const series = chart.members.map((m) => ({ key: m.key, label: m.label }));
  const markers = failoverMarkers(events, detail.stepMs);
  const domain = { from: chart.seconds[0]?.t ?? 0, to: (chart.seconds.at(-1)?.t ?? 0) + detail.stepMs };
  const has = (points: ChartPoint[]) => points.some((p) => series.some((s) => p[s.key] !== null));
  return (
    <div className="replication">
      <ProbeErrors detail={detail} />
      {cluster.paused ? <div className="banner" role="status">Probing is paused for this cluster: the figures are the last ones observed.</div> : null}
      <MemberTable cluster={cluster} />
      <h2>Lag per replica</h2>
      {has(chart.seconds) ? (
        <TimeSeriesChart title="Replay lag (time)" unit="seconds" points={chart.seconds} series={series} domain={domain} markers={markers}
          thresholds={[{ value: cluster.maxLagSeconds, label: `lagging above ${formatValue("seconds", cluster.maxLagSeconds)}` }]} yDomain={[0, "auto"]} />
      ) : <p className="muted">No lag in seconds recorded in this range.</p>}
      {has(chart.bytes) ? (
        <TimeSeriesChart title="Replay lag (bytes of WAL)" unit="bytes" points={chart.bytes} series={series} domain={domain} markers={markers}
          thresholds={[{ value: cluster.maxLagBytes, label: `lagging above ${formatValue("bytes", cluster.maxLagBytes)}` }]} yDomain={[0, "auto"]} />
      ) : <p className="muted">No lag in bytes recorded in this range.</p>}
      <h2>Failovers and state changes</h2>
      {events.length === 0 ? <p className="muted">Nothing changed in this range.</p> : (
        <ul className="replication-events">
          {[...events].reverse().map((e) => (
            <li key={e.id}>
              <span className="status" data-state={e.kind === "failover" ? "danger" : "muted"}><span aria-hidden="true">{e.kind === "failover" ? "⇄" : "•"}</span> {e.kind}</span>{" "}
              <time dateTime={e.at}>{utc(e.at)}</time> — {e.title}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
