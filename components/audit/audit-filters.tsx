import Link from "next/link";

type Props = { values: Record<string, string>; entityTypes: readonly string[] };

/** A plain GET form: every filter lives in the URL, so a view of the log can be bookmarked and shared. */
export function AuditFilters({ values, entityTypes }: Props) {
  return (
    <form className="card audit-filters" method="get" role="search" aria-label="Filter the audit log">
      <label>Who<input name="actor" defaultValue={values.actor ?? ""} placeholder="actor id or name" size={16} /></label>
      <label>Entity
        <select name="entity" defaultValue={values.entity ?? ""}>
          <option value="">any</option>
          {entityTypes.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      <label>Entity id<input name="entityId" defaultValue={values.entityId ?? ""} size={14} /></label>
      <label>Action<input name="action" defaultValue={values.action ?? ""} placeholder="slo.update or slo." size={14} /></label>
      <label>From<input type="date" name="from" defaultValue={values.from ?? ""} /></label>
      <label>To<input type="date" name="to" defaultValue={values.to ?? ""} /></label>
      <button type="submit" className="button primary">Filter</button>
      <Link href="/settings/audit" className="button">Clear</Link>
    </form>
  );
}
