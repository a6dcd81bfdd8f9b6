// The SLO list's filters and sort, kept in the URL (?q=&service=&team=&status=&label=k=v&sort=).
// Pure: the page passes the rows and the search params.

export type SloRow = {
  id: string;
  name: string;
  service: string;
  status: string;
  fastestBurnRate: number;
  budget: { remaining: number };
  team: string | null;
  labels: Record<string, string>;
};

export type SloFilter = { q: string; service: string; team: string; status: string; label: string; sort: "urgency" | "burn" | "name" };

const SORTS = ["urgency", "burn", "name"] as const;

export function parseSloFilter(params: Record<string, string | string[] | undefined>): SloFilter {
  const one = (key: string) => {
    const v = params[key];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
  };
  const sort = one("sort");
  return { q: one("q"), service: one("service"), team: one("team"), status: one("status"), label: one("label"), sort: (SORTS as readonly string[]).includes(sort) ? (sort as SloFilter["sort"]) : "urgency" };
}

/** Most urgent first: least budget remaining; SLOs without data last. */
export function byUrgency(a: Pick<SloRow, "status" | "budget" | "name">, b: Pick<SloRow, "status" | "budget" | "name">): number {
  if ((a.status === "no-data") !== (b.status === "no-data")) return a.status === "no-data" ? 1 : -1;
  return a.budget.remaining - b.budget.remaining || a.name.localeCompare(b.name);
}

const COMPARE = {
  urgency: byUrgency,
  burn: (a: SloRow, b: SloRow) => b.fastestBurnRate - a.fastestBurnRate || byUrgency(a, b),
  name: (a: SloRow, b: SloRow) => a.name.localeCompare(b.name) || a.service.localeCompare(b.service),
};

/** `label` is `key=value` (or `key` for any value); `q` matches name, service or a label value, any case. */
export function filterSlos<T extends SloRow>(rows: readonly T[], f: SloFilter): T[] {
  const q = f.q.toLowerCase();
  const [labelKey, labelValue] = f.label.includes("=") ? [f.label.slice(0, f.label.indexOf("=")), f.label.slice(f.label.indexOf("=") + 1)] : [f.label, null];
  return rows
    .filter((r) => !f.service || r.service === f.service)
    .filter((r) => !f.team || r.team === f.team)
    .filter((r) => !f.status || r.status === f.status)
    .filter((r) => !labelKey || (labelKey in r.labels && (labelValue === null || r.labels[labelKey] === labelValue)))
    .filter((r) => !q || [r.name, r.service, ...Object.values(r.labels)].some((s) => s.toLowerCase().includes(q)))
    .sort(COMPARE[f.sort]);
}
