import Link from "next/link";
import { notFound } from "next/navigation";
import { utc } from "@/components/postmortems/format";
import { PageHeader } from "@/components/ui/page-header";
import { fieldChanges } from "@/lib/domain/postmortem";
import { findPostmortemView, listVersions } from "@/lib/server/services/postmortems";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Postmortem versions" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "string" ? v : JSON.stringify(v, null, 1));

/** Every version, who saved it and what changed; any two compared field by field (`?a=2&b=5`). */
export default async function VersionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  await guardPage();
  const { id } = await params;
  const postmortem = await findPostmortemView(id);
  if (!postmortem) notFound();
  const versions = await listVersions(id);
  const search = await searchParams;
  const pick = (v: unknown, fallback: number) => versions.find((x) => x.number === Number(v)) ?? versions.find((x) => x.number === fallback);
  const b = pick(search.b, versions[0]!.number)!;
  const a = pick(search.a, Math.max(1, b.number - 1))!;
  const changes = fieldChanges({ ...a.document, status: a.status }, { ...b.document, status: b.status });
  return (
    <>
      <PageHeader title={`Versions: ${postmortem.document.title}`} actions={<Link className="button" href={`/postmortems/${id}`}>Back to the postmortem</Link>} />
      <form method="get" className="card pm-filters" aria-label="Compare versions">
        {(["a", "b"] as const).map((name) => (
          <label key={name}>{name === "a" ? "Compare version" : "with version"}
            <select name={name} defaultValue={String(name === "a" ? a.number : b.number)}>
              {versions.map((v) => <option key={v.number} value={v.number}>{v.number} · {v.author} · {utc(v.at)}</option>)}
            </select>
          </label>
        ))}
        <button type="submit" className="button">Compare</button>
      </form>
      <h2>Version {a.number} → version {b.number}: {changes.length === 0 ? "no differences" : `${changes.length} field${changes.length === 1 ? "" : "s"} changed`}</h2>
      {changes.length > 0 ? (
        <table className="data pm-diff">
          <thead><tr><th scope="col">Field</th><th scope="col">Version {a.number}</th><th scope="col">Version {b.number}</th></tr></thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}><th scope="row">{c.field}</th><td><del>{show(c.before)}</del></td><td><ins>{show(c.after)}</ins></td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>History</h2>
      <table className="data">
        <thead><tr><th scope="col">Version</th><th scope="col">Who</th><th scope="col">When</th><th scope="col">Status</th><th scope="col">What changed</th></tr></thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number}>
              <th scope="row">{v.number}</th>
              <td>{v.author}</td>
              <td>{utc(v.at)}</td>
              <td>{v.status}</td>
              <td>{v.number === 1 ? "created" : v.changes.map((c) => c.field).join(", ")} {v.number > 1 ? <Link href={`/postmortems/${id}/versions?a=${v.number - 1}&b=${v.number}`}>compare with {v.number - 1}</Link> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
