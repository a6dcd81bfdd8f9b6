import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import type { ClusterSummary } from "@/lib/server/services/replication";
import { lagBytes, lagSeconds, utc } from "./format";
import { ReplicationStateBadge } from "./state-badge";

/** One row per member, grouped under its cluster; the cluster row carries its worst state and any error. */
export function ClusterTable({ clusters, caption }: { clusters: ClusterSummary[]; caption: string }) {
  return (
    <table className="data replication-table">
      <caption className="muted" style={{ textAlign: "left", padding: "0 0 8px" }}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Cluster / member</th>
          <th scope="col">Role</th>
          <th scope="col">State</th>
          <th scope="col">Lag (time)</th>
          <th scope="col">Lag (bytes)</th>
          <th scope="col">Last hour</th>
        </tr>
      </thead>
      {clusters.map((c) => (
        <tbody key={c.id}>
          <tr className="cluster-row">
            <th scope="rowgroup" colSpan={2}>
              <Link href={`/replication/${c.id}`}>{c.name}</Link>
              <span className="muted small"> · {c.kind === "postgres" ? "direct probe" : c.exporter}{c.service ? ` · ${c.service}` : ""}{c.paused ? " · probing paused" : ""}</span>
            </th>
            <td><ReplicationStateBadge state={c.state} /></td>
            <td colSpan={3} className="muted">
              {c.lastError ? <span className="status" data-state="danger"><span aria-hidden="true">✖</span> {c.lastError}</span> : <>probed {utc(c.probedAt)}</>}
            </td>
          </tr>
          {c.members.length === 0 ? (
            <tr><td colSpan={6} className="muted">No members seen yet.</td></tr>
          ) : (
            c.members.map((m) => (
              <tr key={m.name}>
                <th scope="row" className="member-name">{m.name}</th>
                <td>{m.role}{m.timeline !== null ? <span className="muted"> · TL {m.timeline}</span> : null}</td>
                <td><ReplicationStateBadge state={m.state} />{m.error ? <div className="muted small">{m.error}</div> : null}</td>
                <td>{m.role === "primary" ? <span className="muted">—</span> : lagSeconds(m.lagSeconds)}</td>
                <td>{m.role === "primary" ? <span className="muted">—</span> : lagBytes(m.lagBytes)}</td>
                <td>{m.role === "primary" ? null : <Sparkline values={c.sparklines[m.name] ?? []} label={`${m.name} lag over the last hour: ${(c.sparklines[m.name] ?? []).length} samples, latest ${lagSeconds(m.lagSeconds)}`} />}</td>
              </tr>
            ))
          )}
        </tbody>
      ))}
    </table>
  );
}
