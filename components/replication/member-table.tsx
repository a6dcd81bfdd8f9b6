import type { ClusterView } from "@/lib/schemas/replication";
import { lagBytes, lagSeconds, utc } from "./format";
import { ReplicationStateBadge } from "./state-badge";

type Sender = { state?: string; syncState?: string; writeLagSeconds?: number | null; flushLagSeconds?: number | null; replayLagSeconds?: number | null };

/** What the primary's pg_stat_replication says of this replica: walsender state, sync state, the three lags. */
function WalSenderFacts({ observed }: { observed: Record<string, unknown> | null }) {
  const sender = observed?.sender as Sender | undefined;
  if (!sender) return null;
  // NULL lags mean caught up and idle: 0, not unknown (architecture.md).
  const lags = (["write", "flush", "replay"] as const).map((k) => `${k} ${lagSeconds(sender[`${k}LagSeconds`] ?? 0)}`).join(", ");
  return <div className="muted small">{sender.state} · {sender.syncState} · {lags}</div>;
}

export function MemberTable({ cluster }: { cluster: ClusterView }) {
  if (cluster.members.length === 0) return <p className="muted">No members seen yet: the first probe runs within 30 seconds of registering.</p>;
  return (
    <table className="data replication-table">
      <caption className="muted" style={{ textAlign: "left", padding: "0 0 8px" }}>Members as last probed {utc(cluster.probedAt)}</caption>
      <thead>
        <tr>
          <th scope="col">Member</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Since</th>
          <th scope="col">Lag (time)</th><th scope="col">Lag (bytes)</th><th scope="col">Connection</th>
        </tr>
      </thead>
      <tbody>
        {cluster.members.map((m) => (
          <tr key={m.name}>
            <th scope="row">{m.name}</th>
            <td>
              {m.role}{m.timeline !== null ? <span className="muted"> · timeline {m.timeline}</span> : null}
              <WalSenderFacts observed={m.observed} />
            </td>
            <td><ReplicationStateBadge state={m.state} />{m.error ? <div className="muted small">{m.error}</div> : null}</td>
            <td className="nowrap">{utc(m.since)}</td>
            <td>{m.role === "primary" ? <span className="muted">—</span> : lagSeconds(m.lagSeconds)}</td>
            <td>{m.role === "primary" ? <span className="muted">—</span> : lagBytes(m.lagBytes)}</td>
            <td>{m.connection ? <code className="small">{m.connection}</code> : <span className="muted">{cluster.kind === "postgres" ? "seen from the primary" : "from metrics"}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
