import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AddServiceHint } from "@/components/services/add-service-hint";
import { ServiceList } from "@/components/services/service-list";
import { listServices } from "@/lib/server/services/services";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Services" };

export default async function ServicesPage() {
  await guardPage();
  const services = await listServices();
  return (
    <>
      <PageHeader title="Services" description="Each service with its SLOs, dependencies and replicas." />
      {services.length === 0 ? (
        <EmptyState title="No services yet">
          <AddServiceHint />
        </EmptyState>
      ) : (
        <ServiceList services={services} />
      )}
    </>
  );
}
