import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AddServiceHint } from "@/components/services/add-service-hint";
import { listServices } from "@/lib/server/services/services";
import { listSloStatuses } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const [services, slos] = await Promise.all([listServices(), listSloStatuses(new Date())]);
  const burning = slos.filter((s) => s.status === "warning" || s.status === "breached").length;
  return (
    <>
      <PageHeader title="Overview" description="What is burning right now, most urgent first." />
      {services.length === 0 ? (
        <EmptyState title="No services yet">
          <p>Steadystate groups SLOs, breakers and replicas by the service that owns them. Start by registering one.</p>
          <AddServiceHint />
        </EmptyState>
      ) : (
        <div className="grid">
          <section className="card" aria-labelledby="services-count">
            <h2 id="services-count" className="muted" style={{ fontSize: "0.9rem", margin: 0 }}>Services</h2>
            <p className="stat">{services.length}</p>
            <Link href="/services">See all services</Link>
          </section>
          <section className="card" aria-labelledby="slos-count">
            <h2 id="slos-count" className="muted" style={{ fontSize: "0.9rem", margin: 0 }}>SLOs</h2>
            <p className="stat">{slos.length}</p>
            <p className="muted" style={{ marginTop: -8 }}>{burning === 0 ? "none burning" : `${burning} burning or breached`}</p>
            <Link href="/slos">{slos.length === 0 ? "How to define an SLO" : "See all SLOs"}</Link>
          </section>
        </div>
      )}
    </>
  );
}
