import { notFound } from "next/navigation";
import { ReplicationPanel } from "@/components/replication/service-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { findService } from "@/lib/server/services/services";

export const dynamic = "force-dynamic";

export default async function ServicePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const service = await findService(slug);
  if (!service) notFound();
  return (
    <>
      <PageHeader title={service.name} description={service.description ?? undefined} />
      <dl className="facts card" style={{ marginBottom: 16 }}>
        <dt>Slug</dt><dd><code>{service.slug}</code></dd>
        <dt>Team</dt><dd>{service.team ?? "—"}</dd>
      </dl>
      <ReplicationPanel service={service.slug} />
      <EmptyState title="No SLOs, breakers or replicas for this service yet">
        <p>This page will show the service&apos;s SLOs, its dependencies&apos; circuit-breaker states and its databases&apos; replication lag once their data arrives. Send metrics labelled <code>service=&quot;{service.slug}&quot;</code> to get started.</p>
      </EmptyState>
    </>
  );
}
