// A series' identity: metric name + labels sorted by name, written as Prometheus writes a series
// (`http_requests_total{code="200",route="/a"}`), so keys are exact and readable in the database.

export type Labels = Readonly<Record<string, string>>;

export function sortedLabels(labels: Labels): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const escapeValue = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

export function seriesKey(metric: string, labels: Labels): string {
  const pairs = sortedLabels(labels).map(([name, value]) => `${name}="${escapeValue(value)}"`);
  return `${metric}{${pairs.join(",")}}`;
}

/** The labels as a JSON object with sorted keys, as stored beside the key. */
export function labelsJson(labels: Labels): string {
  return JSON.stringify(Object.fromEntries(sortedLabels(labels)));
}
