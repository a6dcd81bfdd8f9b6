import { EmptyPage } from "@/components/ui/empty-page";

export const metadata = { title: "Postmortems" };

export default function Page() {
  return (
    <EmptyPage title="Postmortems" description="Blameless postmortems that cite the real numbers." emptyTitle="No postmortems yet">
      <p>When an incident is over, start a postmortem from the SLO whose alert fired: the incident window, the budget it spent and a draft timeline of alerts, breaker changes and failovers are filled in for you.</p>
    </EmptyPage>
  );
}
