import { EmptyPage } from "@/components/ui/empty-page";

export const metadata = { title: "SLOs" };

export default function Page() {
  return (
    <EmptyPage title="SLOs" description="Service level objectives, their error budgets and burn rates." emptyTitle="No SLOs defined yet">
      <p>An SLO needs events to count: a ratio of good to total requests, a latency histogram, or a gauge sliced by the minute.</p>
      <ol>
        <li>Send your services&apos; metrics: point Prometheus <code>remote_write</code> at <code>/api/v1/write</code>, or an OpenTelemetry exporter at <code>/otlp/v1/metrics</code>.</li>
        <li>Define the SLO in the editor here or import an OpenSLO v1 file.</li>
      </ol>
    </EmptyPage>
  );
}
