import { beforeEach, describe, expect, it } from "vitest";
import { GET as exportSlos } from "@/app/api/slos/export/route";
import { POST as importSlos } from "@/app/api/slos/import/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { listSlos } from "@/lib/server/repos/slos";
import { createService } from "@/lib/server/services/services";
import { getSloStatus } from "@/lib/server/services/slos";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const at = (minutes: number) => NOW.getTime() + minutes * MIN;

// Written exactly as the export writes it, so export(import(file)) must give these bytes back.
const TIMESLICES_YAML = `apiVersion: openslo/v1
kind: Service
metadata:
  name: api
  displayName: API
spec: {}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-up
  annotations:
    steadystate/aggregation: avg
spec:
  service: api
  indicator:
    metadata:
      name: api-up
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: up{job="api"}
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - op: gte
      value: 0.5
      target: 0.99
      timeSliceTarget: 1
      timeSliceWindow: 5m
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: queue-depth
spec:
  service: api
  indicator:
    metadata:
      name: queue-depth
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: queue_depth{queue="orders"}
  timeWindow:
    - duration: 1M
      calendar:
        startTime: 2024-01-01 00:00:00
        timeZone: Europe/Berlin
      isRolling: false
  budgetingMethod: Timeslices
  objectives:
    - op: lte
      value: 100
      target: 0.95
      timeSliceTarget: 1
      timeSliceWindow: 1m
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: requests
spec:
  service: api
  indicator:
    metadata:
      name: requests
    spec:
      ratioMetric:
        counter: true
        bad:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{code="500",job="api"}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{job="api"}
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - target: 0.999
      timeSliceTarget: 0.99
      timeSliceWindow: 1m
`;

async function importYaml(yaml: string) {
  const res = await call(importSlos, { method: "POST", body: yaml, headers: { "content-type": "application/yaml" } });
  return { res, body: await res.json() };
}

async function exported(): Promise<string> {
  const res = await call(exportSlos);
  expect(res.status).toBe(200);
  return res.text();
}

const issuesOf = (body: unknown) => (body as Partial<ErrorBody>).error?.issues ?? [];

describe("OpenSLO Timeslices", () => {
  beforeEach(async () => {
    await createService({ slug: "api", name: "API" });
  });

  it("imports timeslice SLIs, evaluates them, and exports the same bytes", async () => {
    const { res, body } = await importYaml(TIMESLICES_YAML);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ created: 3, updated: 0 });
    const byName = Object.fromEntries((await listSlos()).map((s) => [s.name, s]));
    expect(byName["api-up"]).toMatchObject({
      objective: "0.99", window: { kind: "rolling", days: 1 },
      sli: { kind: "timeslice", sliceMinutes: 5, indicator: { type: "gauge", metric: "up", matchers: { job: "api" }, aggregation: "avg", op: ">=", threshold: 0.5 } },
    });
    // No annotation: lte reads as "every sample of the slice at most 100", the max.
    expect(byName["queue-depth"]!.sli).toMatchObject({ sliceMinutes: 1, indicator: { aggregation: "max", op: "<=", threshold: 100 } });
    expect(byName["requests"]!.sli).toEqual({
      kind: "timeslice", sliceMinutes: 1,
      indicator: { type: "ratio", bad: { metric: "http_requests_total", matchers: { code: "500", job: "api" } }, total: { metric: "http_requests_total", matchers: { job: "api" } }, target: 0.99 },
    });

    // One `up` sample a minute for the last hour, down (0) for minutes -20 to -16: that 5-minute slice averages 0.
    const samples = [];
    for (let m = -60; m < 0; m++) samples.push({ t: at(m) + 15_000, v: m >= -20 && m <= -16 ? 0 : 1 });
    await storeSamples([{ metric: "up", labels: { job: "api" }, samples }]);
    const status = await getSloStatus(byName["api-up"]!.id, NOW);
    // 12 slices with data, 11 good; the day has 288 slices, 276 of them gaps.
    expect(status.budget).toMatchObject({ good: 11, valid: 12, bad: 1 });
    expect(status.timeslice).toMatchObject({ sliceMs: 5 * MIN, slicesInPeriod: 288, gapSlices: 276 });

    expect(await exported()).toBe(TIMESLICES_YAML);
  });

  it("reads an SLI document's thresholdMetric as a gauge when a Timeslices SLO references it", async () => {
    const sli = `apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: up\nspec:\n  thresholdMetric:\n    metricSource:\n      type: Prometheus\n      spec:\n        query: up{job="api"}\n`;
    const slo = `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: up\nspec:\n  service: api\n  indicatorRef: up\n  timeWindow:\n    - duration: 28d\n      isRolling: true\n  budgetingMethod: Timeslices\n  objectives:\n    - op: gt\n      value: 0\n      targetPercent: 99.5\n      timeSliceTarget: 1\n      timeSliceWindow: 1\n`;
    const { res, body } = await importYaml(`${sli}---\n${slo}`);
    expect(issuesOf(body)).toEqual([]);
    expect(res.status).toBe(200);
    expect(body.slos[0]).toMatchObject({ objective: "0.995", sli: { kind: "timeslice", sliceMinutes: 1, indicator: { type: "gauge", metric: "up", aggregation: "min", op: ">", threshold: 0 } } });
  });

  it("refuses what a timeslice SLI cannot hold, naming each field, and stores nothing", async () => {
    const broken = TIMESLICES_YAML.replace("timeSliceWindow: 5m", "timeSliceWindow: 3m")
      .replace("steadystate/aggregation: avg", "steadystate/aggregation: p99")
      .replace("      timeSliceTarget: 1\n      timeSliceWindow: 1m", "      timeSliceTarget: 0.9\n      timeSliceWindow: 1m")
      .replace("    - duration: 7d", "    - duration: 90d");
    const { res, body } = await importYaml(broken);
    expect(res.status).toBe(422);
    expect(issuesOf(body).map((i) => [i.path.slice(1).join("."), i.message])).toEqual([
      ["1.spec.objectives.0.timeSliceWindow", expect.stringContaining("1, 2, 5, 10, 15, 30, 60 minutes")],
      ["1.metadata.annotations.steadystate/aggregation", expect.stringContaining("avg, min or max")],
      ["2.spec.objectives.0.timeSliceTarget", expect.stringContaining("only 1 can be mapped")],
      ["3.spec.timeWindow.0", expect.stringContaining("timeslice SLIs need a window of at most 35 days")],
    ]);
    expect(await listSlos()).toEqual([]);
  });
});
