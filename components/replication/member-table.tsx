import type { ClusterView } from "@/lib/schemas/replication";
import { lagBytes, lagSeconds, utc } from "./format";
import { ReplicationStateBadge } from "./state-badge";

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
            <td>{m.role}{m.timeline !== null ? <span className="muted"> · timeline {m.timeline}</span> : null}</td>
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
