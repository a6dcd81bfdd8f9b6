import { EmptyPage } from "@/components/ui/empty-page";

export const metadata = { title: "Breakers" };

export default function Page() {
  return (
    <EmptyPage title="Breakers" description="Circuit-breaker states per service and dependency: open and half-open first." emptyTitle="No circuit breakers seen yet">
      <p>Breakers appear on their own when their metrics arrive: resilience4j, opossum (opossum-prometheus), Polly v8 and Envoy are recognised without configuration.</p>
      <p>Send them with the rest of your metrics (Prometheus <code>remote_write</code> to <code>/api/v1/write</code>), or post state changes to the breaker events API.</p>
    </EmptyPage>
  );
}
