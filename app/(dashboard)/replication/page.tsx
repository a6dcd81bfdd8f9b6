import { ClusterTable } from "@/components/replication/cluster-table";
import { RegisterClusterHint } from "@/components/replication/register-hint";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listClusterSummaries } from "@/lib/server/services/replication";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Replication" };

export default async function ReplicationPage() {
  await guardPage();
  const clusters = await listClusterSummaries(new Date());
  const members = clusters.reduce((n, c) => n + c.members.length, 0);
  return (
    <>
      <PageHeader title="Replication" description="Every replica's lag in time and bytes, its state against the cluster's thresholds, and every failover." />
      {clusters.length === 0 ? (
        <EmptyState title="No database clusters registered">
          <RegisterClusterHint />
        </EmptyState>
      ) : (
        <ClusterTable clusters={clusters} caption={`${clusters.length} clusters, ${members} members; lag is the replay lag behind the primary`} />
      )}
    </>
  );
}
