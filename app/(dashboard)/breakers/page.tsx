import { Suspense } from "react";
import { BreakerFilters } from "@/components/breakers/breaker-filters";
import { BreakerTable } from "@/components/breakers/breaker-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeRangePicker } from "@/components/ui/time-range-picker";
import { parseTimeRange, timeRangeSearchParams } from "@/lib/domain/time-range";
import { breakerListQuerySchema } from "@/lib/schemas/breaker";
import { listBreakerSummaries, matchesBreakerQuery } from "@/lib/server/services/breakers";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Breakers" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function BreakersPage({ searchParams }: { searchParams: Promise<Search> }) {
  await guardPage();
  const params = await searchParams;
  const now = new Date();
  const range = parseTimeRange({ range: one(params.range), from: one(params.from), to: one(params.to) }, now);
  // An unreadable filter is dropped rather than failing the page, like an unreadable range.
  const parsed = breakerListQuerySchema.safeParse({ service: one(params.service), dependency: one(params.dependency), state: one(params.state) });
  const query = parsed.success ? parsed.data : {};
  const all = await listBreakerSummaries({}, range, now);
  const shown = all.filter((b) => matchesBreakerQuery(b, query));
  const keep = { ...timeRangeSearchParams(range), ...(one(params.refresh) ? { refresh: one(params.refresh)! } : {}) };
  const rangeQuery = `?${new URLSearchParams(keep)}`;
  const counts = { open: all.filter((b) => b.state === "open").length, halfOpen: all.filter((b) => b.state === "half-open").length };
  return (
    <>
      <PageHeader
        title="Breakers"
        description="Circuit-breaker states per service and dependency: open and half-open first."
        actions={<Suspense><TimeRangePicker /></Suspense>}
      />
      {all.length === 0 ? (
        <EmptyState title="No circuit breakers seen yet">
          <p>Breakers appear on their own when their metrics arrive: resilience4j, opossum (opossum-prometheus), Polly v8 and Envoy are recognised without configuration.</p>
          <p>Send them with the rest of your metrics (Prometheus <code>remote_write</code> to <code>/api/v1/write</code>, or OTLP), or post states to <code>POST /api/breakers/events</code> (README “Breakers”).</p>
        </EmptyState>
      ) : (
        <>
          <p className="breaker-counts" role="status">
            <strong>{counts.open}</strong> open · <strong>{counts.halfOpen}</strong> half-open · {all.length} breakers
          </p>
          <BreakerFilters services={[...new Set(all.map((b) => b.service))].sort()} current={query} keep={keep} />
          {shown.length === 0 ? (
            <EmptyState title="No breakers match these filters">
              <p>Clear a filter, or choose “Any state” to see every breaker of the service.</p>
            </EmptyState>
          ) : (
            <BreakerTable breakers={shown} query={rangeQuery} caption={`${shown.length} ${shown.length === 1 ? "breaker" : "breakers"}, open first, then half-open, closed and silent`} />
          )}
        </>
      )}
    </>
  );
}
