// A series' identity: metric name + labels sorted by name, written as Prometheus writes a series
// (`http_requests_total{code="200",route="/a"}`), so keys are exact and readable in the database.

export type Labels = Readonly<Record<string, string>>;

export function sortedLabels(labels: Labels): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const escapeValue = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const NEEDS_ESCAPE = /[\\"\n]/;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Built by hand rather than with sortedLabels/map/join: ingest computes one key per series per
// request, and at hundreds of thousands of series a second the intermediate arrays cost more
// than the key. Senders mostly send labels already sorted, so the sort is skipped then.
export function seriesKey(metric: string, labels: Labels): string {
  const names = Object.keys(labels);
  for (let i = 1; i < names.length; i++) {
    if (names[i - 1]! > names[i]!) {
      names.sort(byName);
      break;
    }
  }
  let key = metric + "{";
  for (let i = 0; i < names.length; i++) {
    const value = labels[names[i]!]!;
    key += (i === 0 ? "" : ",") + names[i] + '="' + (NEEDS_ESCAPE.test(value) ? escapeValue(value) : value) + '"';
  }
  return key + "}";
}

/** The labels as a JSON object with sorted keys, as stored beside the key. */
export function labelsJson(labels: Labels): string {
  return JSON.stringify(Object.fromEntries(sortedLabels(labels)));
}
