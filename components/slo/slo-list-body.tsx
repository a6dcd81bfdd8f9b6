import Link from "next/link";
import { Suspense } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { listBudgetSparklines } from "@/lib/server/services/slo-sparklines";
import { listSloRows } from "@/lib/server/services/slos";
import { filterSlos, parseSloFilter } from "./slo-filter";
import { SloFilterBar } from "./slo-filter-bar";
import { SloTable } from "./slo-table";
import { StaleBanner } from "./stale-banner";

/** Rows drawn at first: the most urgent ones, which is what the page is for; the rest on asking (?rows=all). */
export const FIRST_ROWS = 100;

type Params = Record<string, string | undefined>;

/** The SLO list under its header: evaluated, filtered and drawn; streamed in <Suspense> by the page. */
export async function SloListBody({ params }: { params: Params }) {
  await shellFirst();
  const now = new Date();
  const slos = await listSloRows(now);
  const savedSlo = slos.find((s) => s.id === params.saved);
  const filter = parseSloFilter(params);
  const shown = filterSlos(slos, filter);
  const drawn = params.rows === "all" ? shown : shown.slice(0, FIRST_ROWS);
  // After the rows: their evaluation has just summed the days the sparklines are made of.
  const sparklines = new Map((await listBudgetSparklines(now, drawn.map((s) => s.id))).map((s) => [s.id, s]));
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
  const all = new URLSearchParams(Object.entries({ ...params, rows: "all" }).filter((e): e is [string, string] => e[1] !== undefined));
  return (
    <>
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
            <>
              <SloTable slos={drawn} sort={filter.sort} sparklines={sparklines} total={shown.length} />
              {drawn.length < shown.length ? (
                <p className="slo-more">
                  The {drawn.length} most pressing of {shown.length.toLocaleString("en")} shown first. <Link href={`/slos?${all}`}>Show all {shown.length.toLocaleString("en")} SLOs</Link>
                </p>
              ) : null}
            </>
          )}
        </>
      )}
    </>
  );
}

/**
 * Lets the page's header and skeleton go out before the evaluation: once the rollup sums are
 * kept, evaluating is memory work that never waits on I/O, so without this the stream would
 * only flush when everything is done.
 */
export async function shellFirst(): Promise<void> {
  // React flushes the shell on an immediate, and Next's stream buffering sends it on in another:
  // a few milliseconds' timer lets the event loop run that whole chain first.
  await new Promise((resolve) => setTimeout(resolve, 10));
}

/** What the list shows while it is being evaluated: its shape, and that it is coming. */
export function SloListSkeleton() {
  return (
    <div className="card slo-skeleton" role="status" aria-live="polite">
      <p className="muted">Evaluating SLOs…</p>
      {Array.from({ length: 6 }, (_, i) => <div key={i} className="skeleton-row" aria-hidden="true" />)}
    </div>
  );
}
