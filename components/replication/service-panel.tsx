import Link from "next/link";
import { listClusterSummaries } from "@/lib/server/services/replication";
import { ClusterTable } from "./cluster-table";

/** The service page's replication panel: its clusters' members, states and lag; nothing when it has none. */
export async function ReplicationPanel({ service }: { service: string }) {
  const clusters = await listClusterSummaries(new Date(), { service });
  if (clusters.length === 0) return null;
  return (
    <section aria-labelledby="replication-panel" style={{ marginBottom: 16 }}>
      <h2 id="replication-panel">Replication</h2>
      <ClusterTable clusters={clusters} caption={`${clusters.length} database cluster${clusters.length === 1 ? "" : "s"} of this service`} />
      <p className="muted small"><Link href="/replication">All clusters</Link></p>
    </section>
  );
}
