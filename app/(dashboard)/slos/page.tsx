import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Suspense } from "react";
import { filterSlos, parseSloFilter } from "@/components/slo/slo-filter";
import { SloFilterBar } from "@/components/slo/slo-filter-bar";
import { SloTable } from "@/components/slo/slo-table";
import { StaleBanner } from "@/components/slo/stale-banner";
import { listSloRows } from "@/lib/server/services/slos";
import { listBudgetSparklines } from "@/lib/server/services/slo-sparklines";

export const dynamic = "force-dynamic";
export const metadata = { title: "SLOs" };

export default async function SlosPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const now = new Date();
  const [slos, params] = await Promise.all([listSloRows(now), searchParams]);
  const savedSlo = slos.find((s) => s.id === params.saved);
  const filter = parseSloFilter(params);
  const shown = filterSlos(slos, filter);
  // After the rows: their evaluation has just summed the days the sparklines are made of.
  const sparklines = new Map((await listBudgetSparklines(now, shown.map((s) => s.id))).map((s) => [s.id, s]));
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
  return (
    <>
      <PageHeader
        title="SLOs"
        description="Service level objectives, their error budgets and burn rates."
        actions={<Link className="button primary" href="/slos/new">New SLO</Link>}
      />
      {savedSlo ? <p className="banner" role="status" data-kind="ok">Saved “{savedSlo.name}”.</p> : null}
      {slos.length === 0 ? (
        <EmptyState title="No SLOs defined yet">
          <p>An SLO needs events to count: good and total requests from counters, or a latency histogram.</p>
          <ol>
            <li>Send your services&apos; metrics: point Prometheus <code>remote_write</code> at <code>/api/v1/write</code>, or an OpenTelemetry exporter at <code>/otlp/v1/metrics</code>.</li>
            <li>Define the SLO: <Link href="/slos/new">create one here</Link> with a live preview of its SLI, or with <code>POST /api/slos</code> (README “SLOs” shows the body).</li>
          </ol>
        </EmptyState>
      ) : (
        <>
          <StaleBanner slos={slos} />
          <Suspense><SloFilterBar services={distinct(slos.map((s) => s.service))} teams={distinct(slos.map((s) => s.team))} /></Suspense>
          {shown.length === 0 ? (
            <p className="empty-state" role="status">No SLO matches these filters. <Link href="/slos">Clear the filters</Link></p>
          ) : (
            <SloTable slos={shown} sort={filter.sort} sparklines={sparklines} />
          )}
        </>
      )}
    </>
  );
}
