/**
 * Replication health, from what a probe or an exporter saw (architecture.md "Replication").
 * Pure: the probe and the sample store pass their figures in; time is a parameter.
 */
export const REPLICATION_STATES = ["ok", "lagging", "stopped", "unreachable"] as const;
export type ReplicationState = (typeof REPLICATION_STATES)[number];
export type MemberRole = "primary" | "replica";
export type LagThresholds = { maxLagSeconds: number; maxLagBytes: number };
export type Lag = { seconds: number | null; bytes: number | null };

/**
 * A replica's lag in time and bytes.
 * - bytesBehind is the primary's current WAL position minus the replica's replay position.
 * - replayLagSeconds is pg_stat_replication.replay_lag: NULL when the standby is caught up and
 *   the primary idle, which means 0, not unknown (it is also NULL before the first feedback).
 * - replayAgeSeconds is now − pg_last_xact_replay_timestamp() on the replica: on an idle primary
 *   it grows for ever although nothing is behind, so it only counts while WAL is outstanding.
 * With nothing outstanding (0 bytes) the lag is 0 s whatever the other two say.
 */
export function replicaLag(input: { bytesBehind: number | null; replayLagSeconds: number | null; replayAgeSeconds: number | null }): Lag {
  const { bytesBehind, replayLagSeconds, replayAgeSeconds } = input;
  if (bytesBehind !== null && bytesBehind <= 0) return { seconds: 0, bytes: 0 };
  if (bytesBehind === null) return { seconds: replayLagSeconds, bytes: null };
  // WAL is outstanding: replay_lag only moves when replay does (it stands still while replay is
  // paused), and the replay age overstates after a long idle spell; the larger is the safer.
  const known = [replayLagSeconds, replayAgeSeconds].filter((v): v is number => v !== null);
  return { seconds: known.length ? Math.max(0, ...known) : null, bytes: bytesBehind };
}

export type MemberHealth = {
  role: MemberRole;
  /** Could the member (or, for a replica seen only from its primary, the primary) be asked? */
  isReachable: boolean;
  /**
   * Is WAL flowing to this replica: a walsender in state streaming, a wal receiver streaming, or
   * an exporter series still arriving. false = replication stopped; null = cannot tell.
   */
  isStreaming: boolean | null;
  lag: Lag;
};

/** ok / lagging / stopped / unreachable for one member, against the cluster's thresholds. */
export function memberState(health: MemberHealth, thresholds: LagThresholds): ReplicationState {
  if (health.role === "primary") return health.isReachable ? "ok" : "unreachable";
  if (health.isStreaming === false) return "stopped";
  if (!health.isReachable && health.isStreaming === null) return "unreachable";
  const { seconds, bytes } = health.lag;
  if ((seconds !== null && seconds > thresholds.maxLagSeconds) || (bytes !== null && bytes > thresholds.maxLagBytes)) return "lagging";
  return "ok";
}

/** The worst state among members, for a cluster's one-word summary. */
export function clusterState(states: ReplicationState[]): ReplicationState | null {
  const order: ReplicationState[] = ["unreachable", "stopped", "lagging", "ok"];
  return order.find((s) => states.includes(s)) ?? null;
}

/** What one probe saw of one member; what failover and state-change detection compare. */
export type MemberSnapshot = {
  name: string;
  role: MemberRole;
  state: ReplicationState;
  /** pg_is_in_recovery(); null when not seen. */
  inRecovery: boolean | null;
  timeline: number | null;
};

export const FAILOVER_REASONS = ["timeline-changed", "left-recovery", "role-changed", "primary-unreachable"] as const;
export type FailoverReason = (typeof FAILOVER_REASONS)[number];
export type Failover = { member: string; reasons: FailoverReason[]; from: MemberSnapshot; to: MemberSnapshot };
export type StateChange = { member: string; from: ReplicationState | null; to: ReplicationState };

/**
 * Failovers between two probes, one per member with every reason seen: a new timeline, a replica
 * that left recovery (promoted), a role that changed, a primary that stopped answering. A member
 * seen for the first time is not a failover: there is nothing to compare with.
 */
export function detectFailovers(previous: MemberSnapshot[], current: MemberSnapshot[]): Failover[] {
  const before = new Map(previous.map((m) => [m.name, m]));
  const found: Failover[] = [];
  for (const to of current) {
    const from = before.get(to.name);
    if (!from) continue;
    const reasons: FailoverReason[] = [];
    if (from.timeline !== null && to.timeline !== null && to.timeline !== from.timeline) reasons.push("timeline-changed");
    if (from.inRecovery === true && to.inRecovery === false) reasons.push("left-recovery");
    if (from.role !== to.role) reasons.push("role-changed");
    if (from.role === "primary" && to.role === "primary" && from.state !== "unreachable" && to.state === "unreachable") reasons.push("primary-unreachable");
    if (reasons.length) found.push({ member: to.name, reasons, from, to });
  }
  return found;
}

/** Members whose state differs from the last probe (a new member counts, from null). */
export function stateChanges(previous: MemberSnapshot[], current: MemberSnapshot[]): StateChange[] {
  const before = new Map(previous.map((m) => [m.name, m.state]));
  return current.filter((m) => before.get(m.name) !== m.state).map((m) => ({ member: m.name, from: before.get(m.name) ?? null, to: m.state }));
}

const REASON_TEXT: Record<FailoverReason, string> = {
  "timeline-changed": "timeline changed",
  "left-recovery": "left recovery (promoted)",
  "role-changed": "role changed",
  "primary-unreachable": "primary unreachable",
};

/** "orders-db: replica1 left recovery (promoted), timeline changed 1 → 2". */
export function failoverTitle(cluster: string, f: Failover): string {
  const parts = f.reasons.map((r) => (r === "timeline-changed" ? `${REASON_TEXT[r]} ${f.from.timeline} → ${f.to.timeline}` : r === "role-changed" ? `${REASON_TEXT[r]} ${f.from.role} → ${f.to.role}` : REASON_TEXT[r]));
  return `${cluster}: ${f.member} ${parts.join(", ")}`;
}

export function stateChangeTitle(cluster: string, c: StateChange): string {
  return `${cluster}: ${c.member} ${c.from ?? "new"} → ${c.to}`;
}

/** WAL position "16/B374D848" as a byte offset (an LSN is two 32-bit hex halves). */
export function lsnToBytes(lsn: string): number {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!match) throw new Error(`not an LSN: ${lsn}`);
  return parseInt(match[1]!, 16) * 2 ** 32 + parseInt(match[2]!, 16);
}

/** Timeline of a WAL file name: its first 8 hex digits (pg_walfile_name(pg_current_wal_lsn())). */
export function timelineOfWalFile(name: string): number {
  if (!/^[0-9A-F]{24}$/i.test(name)) throw new Error(`not a WAL file name: ${name}`);
  return parseInt(name.slice(0, 8), 16);
}

/** How often the job probes each cluster: finer than the minute rollups, so a lag spike shows. */
export const REPLICATION_PROBE_INTERVAL_MS = 30_000;
