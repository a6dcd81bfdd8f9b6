/**
 * Replication members from exporter series kept by the sample store (each series' last sample),
 * for clusters of kind "metrics". Pure: the caller passes the series and now.
 *
 * A series whose last sample is older than STALE_AFTER_MS has vanished. mysqld_exporter drops
 * `mysql_slave_status_*` when replication stops, so a vanished lag series means stopped, never
 * zero lag; the same rule holds for the others (an exporter that stopped reporting tells us
 * nothing is known to be flowing).
 */
import { replicaLag, type Lag, type MemberRole } from "./replication";
import { MINUTE_MS } from "./slo-math";

export const EXPORTERS = ["postgres_exporter", "mysqld_exporter", "patroni"] as const;
export type Exporter = (typeof EXPORTERS)[number];

/** Prometheus' own lookback: a series without a sample for 5 minutes is gone. */
export const STALE_AFTER_MS = 5 * MINUTE_MS;

export type LastSample = { metric: string; labels: Record<string, string>; lastT: number | null; lastV: number | null };
export type ExporterMember = {
  name: string;
  role: MemberRole;
  isReachable: boolean;
  isStreaming: boolean | null;
  lag: Lag;
  inRecovery: boolean | null;
  timeline: number | null;
};

/** Metric names each exporter's clusters read (the sample store is asked for these only). */
export const EXPORTER_METRICS: Record<Exporter, string[]> = {
  postgres_exporter: ["pg_up", "pg_replication_is_replica", "pg_replication_lag_seconds", "pg_replication_lag"],
  mysqld_exporter: ["mysql_up", "mysql_slave_status_seconds_behind_master", "mysql_slave_status_slave_io_running", "mysql_slave_status_slave_sql_running"],
  patroni: ["patroni_postgres_running", "patroni_primary", "patroni_postgres_timeline", "patroni_xlog_location", "patroni_xlog_replayed_location", "patroni_xlog_replayed_timestamp", "patroni_postgres_streaming"],
};

/** The metric charted as each exporter's lag, and its unit. */
export const EXPORTER_LAG_METRIC: Record<Exporter, { metric: string; unit: "seconds" | "bytes" }> = {
  postgres_exporter: { metric: "pg_replication_lag_seconds", unit: "seconds" },
  mysqld_exporter: { metric: "mysql_slave_status_seconds_behind_master", unit: "seconds" },
  patroni: { metric: "patroni_xlog_replayed_location", unit: "bytes" },
};

/** value: the last sample while fresh, else null; last: the last sample however old (for roles, which outlive a scrape gap). */
/** Does a series carry every label of a cluster's matchers (exact equality, as SLO matchers)? */
export const matchesLabels = (labels: Record<string, string>, matchers: Record<string, string>) => Object.entries(matchers).every(([k, v]) => labels[k] === v);

type Reading = { value: number | null; last: number | null; isFresh: boolean; wasSeen: boolean };

const memberLabel = (exporter: Exporter, labels: Record<string, string>) =>
  (exporter === "patroni" ? labels.name : undefined) ?? labels.instance ?? labels.server ?? "default";

export function exporterMembers(exporter: Exporter, series: LastSample[], now: number): ExporterMember[] {
  const byMember = new Map<string, Map<string, LastSample>>();
  for (const s of series) {
    const name = memberLabel(exporter, s.labels);
    const metrics = byMember.get(name) ?? new Map<string, LastSample>();
    metrics.set(s.metric, s);
    byMember.set(name, metrics);
  }
  const read = (metrics: Map<string, LastSample>, ...names: string[]): Reading => {
    const s = names.map((n) => metrics.get(n)).find(Boolean);
    if (!s || s.lastT === null) return { value: null, last: null, isFresh: false, wasSeen: false };
    const isFresh = now - s.lastT <= STALE_AFTER_MS;
    return { value: isFresh ? s.lastV : null, last: s.lastV, isFresh, wasSeen: true };
  };
  const up = (r: Reading) => r.isFresh && r.value === 1;
  const members = [...byMember.entries()].sort(([a], [b]) => a.localeCompare(b));

  if (exporter === "patroni") {
    const primaryLocation = Math.max(0, ...members.map(([, m]) => read(m, "patroni_xlog_location").value ?? 0));
    return members.map(([name, m]) => {
      const role: MemberRole = read(m, "patroni_primary").last === 1 ? "primary" : "replica";
      const replayed = read(m, "patroni_xlog_replayed_location");
      const streaming = read(m, "patroni_postgres_streaming");
      const replayedAt = read(m, "patroni_xlog_replayed_timestamp").value;
      const bytesBehind = role === "replica" && replayed.value !== null && primaryLocation > 0 ? Math.max(0, primaryLocation - replayed.value) : null;
      return {
        name, role,
        isReachable: up(read(m, "patroni_postgres_running")),
        isStreaming: role === "primary" ? null : streaming.isFresh ? streaming.value === 1 : replayed.wasSeen && !replayed.isFresh ? false : null,
        lag: role === "primary" ? { seconds: null, bytes: null } : replicaLag({ bytesBehind, replayLagSeconds: null, replayAgeSeconds: replayedAt ? Math.max(0, now / 1000 - replayedAt) : null }),
        inRecovery: role === "replica",
        timeline: read(m, "patroni_postgres_timeline").value,
      };
    });
  }

  if (exporter === "mysqld_exporter") {
    return members.map(([name, m]) => {
      const behind = read(m, "mysql_slave_status_seconds_behind_master");
      const io = read(m, "mysql_slave_status_slave_io_running");
      const sql = read(m, "mysql_slave_status_slave_sql_running");
      // A server that never had slave status is a source; one whose series vanished is a stopped replica.
      const role: MemberRole = behind.wasSeen || io.wasSeen ? "replica" : "primary";
      const threadsRunning = io.isFresh && sql.isFresh ? io.value === 1 && sql.value === 1 : null;
      return {
        name, role,
        isReachable: up(read(m, "mysql_up")),
        isStreaming: role === "primary" ? null : !behind.isFresh ? false : threadsRunning,
        lag: { seconds: behind.value, bytes: null },
        inRecovery: null,
        timeline: null,
      };
    });
  }

  return members.map(([name, m]) => {
    const isReplica = read(m, "pg_replication_is_replica");
    const lag = read(m, "pg_replication_lag_seconds", "pg_replication_lag");
    // is_replica comes with every scrape; without it, a member that reported lag was a replica.
    const role: MemberRole = isReplica.last === 0 ? "primary" : isReplica.last === 1 || lag.wasSeen ? "replica" : "primary";
    return {
      name, role,
      isReachable: up(read(m, "pg_up")),
      isStreaming: role === "primary" ? null : lag.wasSeen && !lag.isFresh ? false : null,
      // postgres_exporter already reports 0 when receive = replay, so idle is not lag here either.
      lag: { seconds: role === "primary" ? null : lag.value, bytes: null },
      inRecovery: isReplica.isFresh ? isReplica.value === 1 : null,
      timeline: null,
    };
  });
}
