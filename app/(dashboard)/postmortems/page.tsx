import { IfCanWrite } from "@/components/auth/viewer-context";
import Link from "next/link";
import { PostmortemFilters } from "@/components/postmortems/postmortem-filters";
import { PostmortemStatusBadge } from "@/components/postmortems/status-badge";
import { utc } from "@/components/postmortems/format";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDuration } from "@/lib/domain/postmortem-markdown";
import { postmortemQuerySchema, queryObject } from "@/lib/schemas/postmortem";
import { sloOptions } from "@/lib/server/services/postmortem-figures";
import { searchPostmortems } from "@/lib/server/services/postmortems";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Postmortems" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function PostmortemsPage({ searchParams }: { searchParams: Search }) {
  await guardPage();
  const values = queryObject(await searchParams);
  const parsed = postmortemQuerySchema.safeParse(values);
  const [slos, found] = await Promise.all([sloOptions(), searchPostmortems(parsed.success ? parsed.data : {})]);
  const { postmortems, stats } = found;
  const isFiltered = Object.keys(values).length > 0;
  return (
    <>
      <PageHeader
        title="Postmortems"
        description="Blameless postmortems that cite the real numbers."
        actions={
          <nav aria-label="Postmortem pages" className="pm-actions">
            <Link className="button" href="/postmortems/action-items">Action items</Link>
            <IfCanWrite><Link className="button pm-primary" href="/postmortems/new">New postmortem</Link></IfCanWrite>
          </nav>
        }
      />
      <PostmortemFilters values={values} slos={slos} />
      {!parsed.success ? <div className="banner" role="alert">Some filters were not understood and are ignored: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.</div> : null}
      <div className="grid pm-stats">
        <div className="card"><div className="muted">Postmortems</div><div className="stat">{postmortems.length}</div></div>
        <div className="card"><div className="muted">MTTD (mean time to detect)</div><div className="stat">{formatDuration(stats.mttdMs)}</div><div className="muted">over {stats.detected} with a detection time</div></div>
        <div className="card"><div className="muted">MTTR (mean time to resolve)</div><div className="stat">{formatDuration(stats.mttrMs)}</div><div className="muted">over {stats.resolved} resolved</div></div>
      </div>
      {postmortems.length === 0 ? (
        <EmptyState title={isFiltered ? "No postmortem matches" : "No postmortems yet"}>
          {isFiltered ? <p>Try fewer words or filters, or <Link href="/postmortems">clear them</Link>.</p> : (
            <p>When an incident is over, start one from the SLO whose alert fired (<Link href="/slos">SLOs</Link> → “Write a postmortem”), or <Link href="/postmortems/new">start a blank one</Link>. The window, the budget spent and a draft timeline are filled in for you.</p>
          )}
        </EmptyState>
      ) : (
        <table className="data">
          <caption className="pm-caption">{postmortems.length} postmortems, most recent incident first</caption>
          <thead><tr><th scope="col">Postmortem</th><th scope="col">Status</th><th scope="col">Severity</th><th scope="col">Started</th><th scope="col">SLOs</th><th scope="col">Tags</th><th scope="col">Open actions</th></tr></thead>
          <tbody>
            {postmortems.map((p) => (
              <tr key={p.id}>
                <th scope="row"><Link href={`/postmortems/${p.id}`}>{p.title}</Link></th>
                <td><PostmortemStatusBadge status={p.status} /></td>
                <td>{p.severity}</td>
                <td>{utc(p.startedAt)}</td>
                <td>{p.slos.map((s) => s.name).join(", ") || <span className="muted">none</span>}</td>
                <td>{p.tags.join(", ") || <span className="muted">none</span>}</td>
                <td>{p.openActionItems} of {p.actionItems}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
