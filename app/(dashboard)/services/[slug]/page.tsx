import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DependencyPanel } from "@/components/breakers/dependency-panel";
import { ReplicationPanel } from "@/components/replication/service-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeRangePicker } from "@/components/ui/time-range-picker";
import { parseTimeRange, timeRangeSearchParams } from "@/lib/domain/time-range";
import { serviceDependencies } from "@/lib/server/services/breakers";
import { findService } from "@/lib/server/services/services";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function ServicePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Search> }) {
  await guardPage();
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  const service = await findService(slug);
  if (!service) notFound();
  const now = new Date();
  const range = parseTimeRange({ range: one(search.range), from: one(search.from), to: one(search.to) }, now);
  const dependencies = await serviceDependencies(service.slug, range, now);
  return (
    <>
      <PageHeader title={service.name} description={service.description ?? undefined} actions={<Suspense><TimeRangePicker /></Suspense>} />
      <dl className="facts card" style={{ marginBottom: 16 }}>
        <dt>Slug</dt><dd><code>{service.slug}</code></dd>
        <dt>Team</dt><dd>{service.team ?? "—"}</dd>
      </dl>
      <ReplicationPanel service={service.slug} />
      <DependencyPanel dependencies={dependencies} domain={{ from: range.from.getTime(), to: Math.min(range.to.getTime(), now.getTime()) }} query={`?${new URLSearchParams(timeRangeSearchParams(range))}`} />
      {dependencies.length === 0 ? (
        <EmptyState title="No SLOs or replicas for this service yet">
          <p>This page will show the service&apos;s SLOs and its databases&apos; replication lag once their data arrives. Send metrics labelled <code>service=&quot;{service.slug}&quot;</code> to get started.</p>
        </EmptyState>
      ) : null}
    </>
  );
}
