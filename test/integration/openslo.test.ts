import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportSlos } from "@/app/api/slos/export/route";
import { POST as importSlos } from "@/app/api/slos/import/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { createDataSource } from "@/lib/server/repos/datasources";
import { findService } from "@/lib/server/repos/services";
import { listSlos, saveImportedSlos } from "@/lib/server/repos/slos";
import { type SloDefinition, sloInputSchema } from "@/lib/schemas/slo";
import { createService } from "@/lib/server/services/services";
import { createSlo } from "@/lib/server/services/slos";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

// A realistic file: a Service, a reusable SLI, an SLO referencing it, and a latency SLO inline.
const CHECKOUT_YAML = `
apiVersion: openslo/v1
kind: Service
metadata:
  name: checkout
  displayName: Checkout
spec:
  description: Takes orders and charges cards.
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-errors
  displayName: Checkout 5xx
spec:
  ratioMetric:
    counter: true
    bad:
      metricSource:
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{service="checkout",code="500"}[5m]))
    total:
      metricSource:
        type: Prometheus
        spec:
          query: sum(rate(http_requests_total{service="checkout"}[5m]))
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  labels:
    tier: "1"
  annotations:
    steadystate/name: Checkout availability
    steadystate/owner: payments
spec:
  description: Orders that do not fail.
  service: checkout
  indicatorRef: checkout-errors
  timeWindow:
    - duration: 4w
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Availability
      targetPercent: 99.95
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-fast
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: http_request_duration_seconds_bucket{service="checkout",le="0.25"}
  timeWindow:
    - duration: 1M
      calendar:
        startTime: 2024-01-01 00:00:00
        timeZone: Europe/Berlin
  budgetingMethod: Occurrences
  objectives:
    - op: lte
      value: 0.25
      target: 0.9900
`;

const CATALOG_YAML = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-availability
spec:
  service: catalog
  indicator:
    metadata:
      name: search-errors
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec:
              query: search_requests_total{code="200"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: search_requests_total
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;

type Slo = SloDefinition;

async function importYaml(yaml: string) {
  const res = await call(importSlos, { method: "POST", body: yaml, headers: { "content-type": "application/yaml" } });
  return { res, body: await res.json() };
}

async function importFiles(files: { name: string; content: string }[]) {
  const res = await call(importSlos, { method: "POST", json: { files } });
  return { res, body: await res.json() };
}

async function exported(): Promise<string> {
  const res = await call(exportSlos);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/yaml");
  expect(res.headers.get("content-disposition")).toBe('attachment; filename="slos.openslo.yaml"');
  return res.text();
}

const listed = (): Promise<readonly Slo[]> => listSlos();
const issuesOf = (body: unknown) => (body as ErrorBody).error.issues ?? [];

async function seedServices() {
  await createService({ slug: "checkout", name: "Checkout", description: "Takes orders and charges cards." });
  await createService({ slug: "catalog", name: "Catalog" });
}

describe("OpenSLO import", () => {
  it("imports a Service, an SLI referenced by an SLO, and an inline threshold SLO", async () => {
    await seedServices();
    const { res, body } = await importYaml(CHECKOUT_YAML);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ created: 2, updated: 0 });
    expect(body.slos.map((s: Slo) => s.name)).toEqual(["Checkout availability", "checkout-latency"]);
    const [availability, latency] = body.slos as Slo[];
    expect(availability).toMatchObject({
      service: "checkout", objective: "0.9995", owner: "payments", labels: { tier: "1" }, description: "Orders that do not fail.",
      window: { kind: "rolling", days: 28 },
      sli: { kind: "ratio", bad: { metric: "http_requests_total", matchers: { service: "checkout", code: "500" } }, total: { metric: "http_requests_total", matchers: { service: "checkout" } } },
    });
    expect(latency).toMatchObject({
      objective: "0.9900", owner: null, window: { kind: "calendar", unit: "month", timeZone: "Europe/Berlin" },
      sli: { kind: "latency", histogram: "http_request_duration_seconds", matchers: { service: "checkout" }, threshold: 0.25 },
    });
    expect((await listed()).map((s) => s.name).sort()).toEqual(["Checkout availability", "checkout-latency"]);
  });

  it("round-trips: export → import → export gives the same bytes, and the import changes nothing", async () => {
    await seedServices();
    await createDataSource({ name: "prod", kind: "prometheus", url: "http://prometheus:9090", headers: {}, timeoutMs: 5000 });
    await importFiles([{ name: "checkout.yaml", content: CHECKOUT_YAML }, { name: "catalog.yaml", content: CATALOG_YAML }]);
    await createSlo({
      name: "Sign-in p99 (prod)", service: "catalog", objective: "0.95", window: { kind: "calendar", unit: "week", timeZone: "UTC" }, dataSource: "prod",
      description: "Quoted: \"yes\"\nand two lines.", sli: { kind: "latency", histogram: "rpc_seconds", matchers: { path: 'a"b' }, threshold: 0.5 },
    });
    const first = await exported();
    const before = await listed();
    expect(first).toContain("kind: Service");
    expect(first).toContain("steadystate/name: Sign-in p99 (prod)");
    expect(first).toContain("metricSourceRef: prod");
    expect(first).toContain("target: 0.9900");
    const { res, body } = await importYaml(first);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ created: 0, updated: 4 });
    expect(await exported()).toBe(first);
    const strip = (slos: readonly Slo[]) => slos.map(({ name, service, objective, owner, labels, window, sli, description }) => ({ name, service, objective, owner, labels, window, sli, description }));
    expect(strip(await listed())).toEqual(strip(before));
  });

  it("refuses the whole import when a second file is invalid, naming file, document and field, and stores nothing", async () => {
    await seedServices();
    const broken = CATALOG_YAML.replace('query: search_requests_total{code="200"}', 'query: search_requests_total{code=~"2.."}');
    const { res, body } = await importFiles([
      { name: "checkout.yaml", content: CHECKOUT_YAML },
      { name: "catalog.yaml", content: `apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: catalog\n---\n${broken}` },
    ]);
    expect(res.status).toBe(422);
    expect(body.error.code).toBe("UNPROCESSABLE");
    expect(body.error.message).toContain("nothing was stored");
    expect(issuesOf(body)).toEqual([
      {
        path: ["catalog.yaml", 1, "spec", "indicator", "spec", "ratioMetric", "good", "metricSource", "spec", "query"],
        message: expect.stringMatching(/only equality matchers .* \(line 21\)$/),
      },
    ]);
    expect(await listed()).toEqual([]);
  });

  it("stores nothing when a write fails part-way: the SLOs are saved in one transaction", async () => {
    await seedServices();
    const serviceId = (await findService("checkout"))!.id;
    const input = sloInputSchema.parse({ name: "first", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 }, sli: { kind: "ratio", bad: { metric: "e_total" }, total: { metric: "r_total" } } });
    const failing = saveImportedSlos([
      { refs: { serviceId, dataSourceId: null }, input },
      { refs: { serviceId: "no-such-service-id", dataSourceId: null }, input: { ...input, name: "second" } },
    ]);
    await expect(failing).rejects.toThrow();
    expect(await listed()).toEqual([]);
  });

  it("reports YAML syntax errors with their line", async () => {
    await seedServices();
    const { res, body } = await importFiles([{ name: "bad.yaml", content: "apiVersion: openslo/v1\nkind: [SLO\n" }]);
    expect(res.status).toBe(422);
    expect(issuesOf(body)[0]).toMatchObject({ path: ["bad.yaml", 0], message: expect.stringContaining("not valid YAML") });
  });

  it("refuses RatioTimeslices budgeting clearly", async () => {
    await seedServices();
    const timeslices = CATALOG_YAML.replace("budgetingMethod: Occurrences", "budgetingMethod: RatioTimeslices").replace("- target: 0.99", "- target: 0.99\n      timeSliceTarget: 0.95\n      timeSliceWindow: 1m");
    const { res, body } = await importYaml(timeslices);
    expect(res.status).toBe(422);
    expect(issuesOf(body)).toEqual([
      { path: ["request", 0, "spec", "budgetingMethod"], message: expect.stringContaining("RatioTimeslices (the average of the slices' ratios) is not supported") },
    ]);
    expect(await listed()).toEqual([]);
  });

  it("refuses SLOs and Service documents of services that do not exist, saying which", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    const { res, body } = await importFiles([{ name: "catalog.yaml", content: `apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: catalog\n---\n${CATALOG_YAML}` }]);
    expect(res.status).toBe(422);
    expect(issuesOf(body)).toEqual([
      { path: ["catalog.yaml", 0, "metadata", "name"], message: expect.stringContaining('no service "catalog" in Steadystate') },
      { path: ["catalog.yaml", 1, "spec", "service"], message: expect.stringContaining('no service "catalog" in Steadystate') },
    ]);
    expect(await listed()).toEqual([]);
  });

  it("refuses a missing SLI, an unknown data source and a threshold that is not a bucket boundary", async () => {
    await seedServices();
    await storeSamples([{ metric: "http_request_duration_seconds_bucket", labels: { service: "checkout", le: "0.5" }, samples: [{ t: Date.now() - 60_000, v: 1 }] }]);
    const yaml = CHECKOUT_YAML.replace("indicatorRef: checkout-errors", "indicatorRef: nope").replace("type: Prometheus\n          spec:\n            query: http_request_duration", "metricSourceRef: thanos\n          spec:\n            query: http_request_duration");
    const { body } = await importYaml(yaml);
    expect(issuesOf(body).map((i) => [i.path.slice(1).join("."), i.message.replace(/ \(line \d+\)$/, "")])).toEqual([
      ["2.spec.indicatorRef", 'no SLI document named "nope" in this import'],
      ["3.spec.indicator.spec.thresholdMetric.metricSource.metricSourceRef", 'no data source named "thanos" (POST /api/datasources)'],
      ["3.spec.indicator.spec.thresholdMetric.metricSource.spec.query", 'le="0.25" is not a bucket boundary of http_request_duration_seconds; the boundaries that exist are 0.5'],
    ]);
  });

  it("updates on re-import instead of duplicating, and refuses the same SLO twice in one import", async () => {
    await seedServices();
    expect((await importYaml(CATALOG_YAML)).body).toMatchObject({ created: 1, updated: 0 });
    const { body } = await importYaml(CATALOG_YAML.replace("- target: 0.99", "- target: 0.995"));
    expect(body).toMatchObject({ created: 0, updated: 1, slos: [{ name: "search-availability", objective: "0.995" }] });
    expect((await listed()).map((s) => [s.name, s.objective])).toEqual([["search-availability", "0.995"]]);
    const twice = await importFiles([{ name: "a.yaml", content: CATALOG_YAML }, { name: "b.yaml", content: CATALOG_YAML }]);
    expect(issuesOf(twice.body)).toEqual([{ path: ["b.yaml", 0, "metadata", "name"], message: expect.stringContaining("already defined in a.yaml document 0") }]);
  });

  it("accepts a document that is a list of objects, as the spec's examples are written", async () => {
    await seedServices();
    const asList = CATALOG_YAML.split("\n").map((line, i) => (line === "" ? line : `${i === 0 ? "- " : "  "}${line}`)).join("\n");
    expect((await importYaml(asList)).body).toMatchObject({ created: 1 });
  });

  it("checks content type, token and body shape", async () => {
    expect((await call(importSlos, { method: "POST", body: CATALOG_YAML, headers: { "content-type": "text/plain" } })).status).toBe(400);
    expect((await call(importSlos, { method: "POST", body: CATALOG_YAML, token: null, headers: { "content-type": "text/yaml" } })).status).toBe(401);
    const { res, body } = await importFiles([]);
    expect(res.status).toBe(422);
    expect(issuesOf(body)[0]?.path).toEqual(["files"]);
    const huge = await call(importSlos, { method: "POST", body: "#".repeat(1024 * 1024 + 1), headers: { "content-type": "application/yaml" } });
    expect(huge.status).toBe(413);
  });

  it("exports nothing but an empty file when there are no SLOs", async () => {
    await seedServices();
    expect(await exported()).toBe("");
  });
});
