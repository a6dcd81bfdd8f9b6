import Link from "next/link";
import { AttentionPanels, RecentEvents, type Attention } from "@/components/overview/overview-panels";
import { byUrgency } from "@/components/slo/slo-filter";
import { shellFirst } from "@/components/slo/slo-list-body";
import { SloTable } from "@/components/slo/slo-table";
import { StaleBanner } from "@/components/slo/stale-banner";
import { EmptyState } from "@/components/ui/empty-state";
import { AddServiceHint } from "@/components/services/add-service-hint";
import { DAY_MS } from "@/lib/domain/slo-math";
import type { TimeRange } from "@/lib/domain/time-range";
import { log } from "@/lib/server/log";
import { listEvents } from "@/lib/server/repos/events";
import { listBreakerSummaries } from "@/lib/server/services/breakers";
import { actionItemsOverdueFirst } from "@/lib/server/services/postmortem-export";
import { listClusterSummaries } from "@/lib/server/services/replication";
import { listServices } from "@/lib/server/services/services";
import { listSloStatuses } from "@/lib/server/services/slos";
import { listBudgetSparklines } from "@/lib/server/services/slo-sparklines";

/** Burning SLOs drawn on the overview; the list page has the rest. */
const OVERVIEW_ROWS = 50;

/** One panel's data, or null when it fails: the page answers with what it has. */
async function orNull<T>(what: string, read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    log.warn("overview panel unavailable", { panel: what, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/** Everything under the overview's header: each panel's data, read at once. */
export async function OverviewBody({ range, now }: { range: TimeRange; now: Date }) {
  await shellFirst();
  const [services, slos, breakers, clusters, items, events] = await Promise.all([
    listServices(),
    listSloStatuses(now),
    orNull("breakers", listBreakerSummaries({}, range, now)),
    orNull("replication", listClusterSummaries(now)),
    orNull("action items", actionItemsOverdueFirst(now)),
    orNull("events", listEvents({ from: new Date(now.getTime() - DAY_MS), to: now, limit: 5000 })),
  ]);
  const count = (status: string) => slos.filter((s) => s.status === status).length;
  const urgent = slos.filter((s) => s.status === "warning" || s.status === "breached").sort(byUrgency);
  const drawn = urgent.slice(0, OVERVIEW_ROWS);
  const sparklines = new Map((await orNull("sparklines", listBudgetSparklines(now, drawn.map((s) => s.id))) ?? []).map((s) => [s.id, s]));
  const attention: Attention = {
    breakers: breakers && breakers.filter((b) => b.state === "open" || b.state === "half-open"),
    clusters: clusters && clusters.filter((c) => c.state !== null && c.state !== "ok").map((c) => ({ id: c.id, name: c.name, state: String(c.state) })),
    overdue: items && items.filter((i) => i.isOverdue && i.status !== "done"),
  };
  return (
    <>
      {services.length === 0 ? (
        <EmptyState title="No services yet">
          <p>Steadystate groups SLOs, breakers and replicas by the service that owns them. Start by registering one.</p>
          <AddServiceHint />
        </EmptyState>
      ) : (
        <>
          <StaleBanner slos={slos} />
          <div className="grid" role="list" aria-label="SLOs by status">
            {([["breached", "Breached", "danger", "✖"], ["warning", "Burning", "warning", "▲"], ["ok", "OK", "ok", "✔"], ["no-data", "No data", "muted", "○"]] as const).map(([status, label, state, icon]) => (
              <Link key={status} role="listitem" className="card tile" href={`/slos?status=${status}`}>
                <span className="status" data-state={state}><span aria-hidden="true">{icon}</span> {label}</span>
                <span className="stat">{count(status)}</span>
              </Link>
            ))}
          </div>
          <section aria-labelledby="burning" style={{ margin: "20px 0" }}>
            <h2 id="burning">Burning now</h2>
            {slos.length === 0 ? (
              <p className="muted">No SLOs yet. <Link href="/slos/new">Define one</Link>: a live preview shows its numbers as you type.</p>
            ) : urgent.length === 0 ? (
              <p className="status" data-state="ok">✔ None of the {slos.length} SLOs is burning its budget faster than its alert tiers allow. <Link href="/slos">See all SLOs</Link></p>
            ) : (
              <>
                <SloTable slos={drawn} sparklines={sparklines} total={urgent.length} />
                {drawn.length < urgent.length ? <p className="slo-more"><Link href="/slos">All {urgent.length} burning SLOs, most urgent first</Link></p> : null}
              </>
            )}
          </section>
          <AttentionPanels attention={attention} now={now} />
          <RecentEvents events={events && [...events].reverse().slice(0, 15)} now={now} />
        </>
      )}
    </>
  );
}
