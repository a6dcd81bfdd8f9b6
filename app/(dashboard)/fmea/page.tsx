import { EmptyPage } from "@/components/ui/empty-page";

export const metadata = { title: "FMEA" };

export default function Page() {
  return (
    <EmptyPage title="FMEA" description="Failure modes and their effects, checked against what actually happened." emptyTitle="No worksheets yet">
      <p>Start a worksheet for a service: list each component&apos;s failure modes with severity, occurrence and detection ratings. Linking a failure mode to SLOs, breakers and postmortems lets Steadystate flag ratings the evidence disagrees with.</p>
    </EmptyPage>
  );
}
