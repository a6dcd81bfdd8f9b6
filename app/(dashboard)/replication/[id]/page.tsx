import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ClusterDetailView } from "@/components/replication/cluster-detail";
import { formatValue } from "@/components/charts/units";
import { PageHeader } from "@/components/ui/page-header";
import { TimeRangePicker } from "@/components/ui/time-range-picker";
import { parseTimeRange } from "@/lib/domain/time-range";
import { AppError } from "@/lib/server/errors";
import { getClusterDetail } from "@/lib/server/services/replication";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ClusterPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  await guardPage();
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const range = parseTimeRange({ range: one(search.range), from: one(search.from), to: one(search.to) }, new Date());
  const detail = await getClusterDetail(id, range).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { cluster } = detail;
  const source = cluster.kind === "postgres" ? "probed directly" : `from ${cluster.exporter}`;
  return (
    <>
      <PageHeader
        title={cluster.name}
        description={`${source}${cluster.service ? ` · service ${cluster.service}` : ""} · lagging above ${formatValue("seconds", cluster.maxLagSeconds)} or ${formatValue("bytes", cluster.maxLagBytes)}`}
        actions={<Suspense fallback={null}><TimeRangePicker /></Suspense>}
      />
      <ClusterDetailView detail={detail} />
    </>
  );
}

export async function generateMetadata() {
  await guardPage();
  return { title: "Replication cluster" };
}
