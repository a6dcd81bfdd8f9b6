import Link from "next/link";
import { POSTMORTEM_STATUSES, SEVERITIES } from "@/lib/domain/postmortem";

type Props = { values: Record<string, string>; slos: { id: string; name: string; service: string }[] };

/** A plain GET form: every filter lives in the URL, so a search can be bookmarked and shared. */
export function PostmortemFilters({ values, slos }: Props) {
  const services = [...new Set(slos.map((s) => s.service))].sort();
  const select = (name: string, label: string, options: [string, string][]) => (
    <label>{label}
      <select name={name} defaultValue={values[name] ?? ""}>
        <option value="">any</option>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </label>
  );
  return (
    <form className="card pm-filters" method="get" role="search" aria-label="Find postmortems">
      <label className="pm-grow">Search<input type="search" name="q" defaultValue={values.q ?? ""} placeholder="words in any field" /></label>
      {select("service", "Service", services.map((s) => [s, s]))}
      {select("slo", "SLO", slos.map((s) => [s.id, `${s.name} (${s.service})`]))}
      {select("severity", "Severity", SEVERITIES.map((s) => [s, s]))}
      {select("status", "Status", POSTMORTEM_STATUSES.map((s) => [s, s]))}
      <label>Tag<input name="tag" defaultValue={values.tag ?? ""} size={10} /></label>
      <label>From<input type="date" name="from" defaultValue={values.from ?? ""} /></label>
      <label>To<input type="date" name="to" defaultValue={values.to ?? ""} /></label>
      <button type="submit" className="button">Find</button>
      <Link href="/postmortems" className="button">Clear</Link>
    </form>
  );
}
