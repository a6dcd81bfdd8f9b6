import Link from "next/link";
import type { AuditEntryView } from "@/lib/schemas/audit";

// Where an entity can be seen, when it has a page of its own.
const ENTITY_PAGES: Record<string, (id: string) => string> = {
  slo: (id) => `/slos/${id}`,
  postmortem: (id) => `/postmortems/${id}`,
  "fmea-worksheet": (id) => `/fmea/${id}`,
  "replication-cluster": (id) => `/replication/${id}`,
  service: (id) => `/services/${id}`,
};

const day = (iso: string) => iso.slice(0, 10);
const clock = (iso: string) => iso.slice(11, 19);

function Changes({ entry }: { entry: AuditEntryView }) {
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  if (fields.length === 0) return <span className="muted">—</span>;
  const show = (side: Record<string, unknown> | null, field: string) => (side && field in side ? JSON.stringify(side[field], null, 1) : "—");
  return (
    <details className="audit-changes">
      <summary>{fields.length} field{fields.length === 1 ? "" : "s"}: {fields.slice(0, 3).join(", ")}{fields.length > 3 ? " …" : ""}</summary>
      <table className="data compact">
        <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f}><th scope="row">{f}</th><td><pre>{show(entry.before, f)}</pre></td><td><pre>{show(entry.after, f)}</pre></td></tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Breaks only after the last dot ("replication-cluster." / "create"), never mid-word; copies as typed. */
function Action({ name }: { name: string }) {
  const dot = name.lastIndexOf(".");
  return <code>{name.slice(0, dot + 1)}<wbr />{name.slice(dot + 1)}</code>;
}

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  return (
    <table className="data audit-table">
      <caption className="visually-hidden">Audit log entries, newest first</caption>
      <thead>
        <tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Entity</th><th scope="col">What happened</th><th scope="col">Changes</th></tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const page = ENTITY_PAGES[e.entityType];
          return (
            <tr key={e.id}>
              <td><time dateTime={e.at}>{day(e.at)}<br />{clock(e.at)}</time></td>
              <td>{e.actor.name}<br /><span className="muted">{e.actor.kind} · {e.actor.id}</span></td>
              <td><Action name={e.action} /></td>
              <td>{e.entityType}<br />{page ? <Link href={page(e.entityId)}><code>{e.entityId}</code></Link> : <code>{e.entityId}</code>}</td>
              <td>{e.summary}</td>
              <td><Changes entry={e} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
