/** A minimal OpenSLO v1 ratio SLO over a 7-day rolling window, as a file to import. */
export function ratioSloYaml(o: { name: string; service: string; target: number; events: "good" | "bad"; eventsQuery: string; totalQuery: string }): string {
  const source = (query: string) => `          metricSource:
            type: Prometheus
            spec:
              query: ${query}`;
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${o.name}
  displayName: ${o.name}
spec:
  service: ${o.service}
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 7d
      isRolling: true
  objectives:
    - target: ${o.target}
  indicator:
    metadata:
      name: ${o.name}-sli
    spec:
      ratioMetric:
        counter: true
        ${o.events}:
${source(o.eventsQuery)}
        total:
${source(o.totalQuery)}
`;
}
