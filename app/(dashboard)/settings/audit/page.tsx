import Link from "next/link";
import { AdminOnly } from "@/components/auth/admin-only";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { AUDITED_ENTITY_TYPES, searchAudit } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const TITLE = "Audit log";
const DESCRIPTION = "Who changed what: every change to SLOs, postmortems, FMEA, services, data sources, replication clusters, people and API tokens, newest first. Entries cannot be edited or removed.";

export default async function AuditPage({ searchParams }: Props) {
  await guardPage();
  // Admins only, like GET /api/audit: the log is not even read for anyone else.
  const principal = await currentPrincipal();
  if (principal.role !== "admin" || principal.via !== "session") {
    return (
      <>
        <PageHeader title={TITLE} description={DESCRIPTION} />
        <AdminOnly>{null}</AdminOnly>
      </>
    );
  }
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" && v !== "" ? [[k, v]] : [])));
  const parsed = auditQuerySchema.safeParse(raw);
  const { cursor: _page, ...filters } = raw;
  const isFiltered = Object.keys(filters).length > 0;
  const page = parsed.success ? await searchAudit(parsed.data) : null;
  const olderHref = page?.nextCursor ? `/settings/audit?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}` : null;
  return (
    <>
      <PageHeader title={TITLE} description={DESCRIPTION} />
      <p><Link href="/settings">← Settings</Link></p>
      <AuditFilters values={raw} entityTypes={AUDITED_ENTITY_TYPES} />
      {!parsed.success ? (
        <div className="banner" data-tone="danger" role="alert">
          <strong>These filters cannot be used:</strong>
          <ul>{parsed.error.issues.map((i) => <li key={i.path.join(".")}>{i.path.join(".")}: {i.message}</li>)}</ul>
        </div>
      ) : page!.entries.length === 0 ? (
        isFiltered || raw.cursor ? (
          <EmptyState title="No entries match">
            <p>Nothing in the log matches these filters. Widen the dates, or <Link href="/settings/audit">clear the filters</Link>.</p>
          </EmptyState>
        ) : (
          <EmptyState title="Nothing changed yet">
            <p>The log fills as people and tokens change things: create an SLO (<Link href="/slos/new">New SLO</Link>), write a postmortem, or edit an FMEA worksheet, and the change appears here with who made it.</p>
          </EmptyState>
        )
      ) : (
        <>
          <AuditTable entries={page!.entries} />
          <nav className="audit-pages" aria-label="Audit log pages">
            {raw.cursor ? <Link href={`/settings/audit?${new URLSearchParams(filters)}`} className="button">Newest</Link> : null}
            {olderHref ? <Link href={olderHref} className="button">Older entries</Link> : <span className="muted">End of the log.</span>}
          </nav>
        </>
      )}
    </>
  );
}
