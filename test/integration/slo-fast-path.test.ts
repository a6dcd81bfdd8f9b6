import { beforeEach, describe, expect, it } from "vitest";
import { HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";
import { embeddedSource } from "@/lib/server/datasources/embedded";
import { prepareEmbeddedRead, resolveSelectors, stepIncreases } from "@/lib/server/datasources/embedded-counts";
import { seriesBoundaries } from "@/lib/domain/budget-series";
import { flushIngest, storeSamples, type StoreSeries } from "@/lib/server/ingest/store";
import { createService } from "@/lib/server/services/services";
import { createSlo, listSloStatuses } from "@/lib/server/services/slos";
import { resetDatabase } from "../support/reset-db";
import { straightIncrease as straightCounting } from "../../bench/slo-straight";

beforeEach(resetDatabase);

// The cached, batched path must give the very counts of the straightforward one: a SUM over the
// minute rows at the edges and the hour rows inside, per interval (the code before the cache).
const MIN = MINUTE_MS;
const DAY = 24 * HOUR_MS;
const NOW = Date.UTC(2026, 10, 20, 12, 37, 25);

const straightIncrease = async (metric: string, labels: Record<string, string>, start: number, end: number) => {
  await flushIngest();
  return straightCounting({ metric, labels }, start, end);
};

/** A counter sampled every `every` ms over [from, to), with a gap and a reset, rising by a pattern. */
function counter(metric: string, labels: Record<string, string>, opts: { from: number; to: number; every: number; seed: number }): StoreSeries {
  const samples: { t: number; v: number }[] = [];
  let v = 0;
  let i = 0;
  for (let t = opts.from; t < opts.to; t += opts.every, i++) {
    if (i % 97 >= 90) continue; // a gap every 97 samples
    v = i % 1013 === 500 ? 3 : v + ((i * opts.seed) % 7); // a reset now and then
    samples.push({ t, v });
  }
  return { metric, labels, samples };
}

const ENDS = [NOW, NOW - 25_000, NOW - 37 * MIN - 25_000, NOW + 23 * MIN]; // mid-minute, on a minute, on the hour, another hour
const LENGTHS = [5 * MIN, 30 * MIN, HOUR_MS, 2 * HOUR_MS, 6 * HOUR_MS, DAY, 3 * DAY, 30 * DAY, 7 * DAY + 13 * MIN + 1];

async function expectSameCounts(sli: { bad: { metric: string; matchers: Record<string, string> }; total: { metric: string; matchers: Record<string, string> } }) {
  for (const end of ENDS) {
    const source = embeddedSource({ kind: "ratio", ...sli });
    for (const length of LENGTHS) {
      const interval = { start: new Date(end - length), end: new Date(end) };
      const valid = await straightIncrease(sli.total.metric, sli.total.matchers, end - length, end);
      const bad = await straightIncrease(sli.bad.metric, sli.bad.matchers, end - length, end);
      expect(await source.counts(interval), `${length} ms ending ${new Date(end).toISOString()}`).toEqual({ good: valid - bad, valid });
    }
  }
}

describe("the cached rollup sums", () => {
  const sli = { bad: { metric: "fp_errors_total", matchers: { job: "api" } }, total: { metric: "fp_requests_total", matchers: { job: "api" } } };

  it("give the straightforward sums over window edges, gaps and counter resets, and stay right as data arrives", async () => {
    await storeSamples([
      counter("fp_requests_total", { job: "api", pod: "a" }, { from: NOW - 32 * DAY, to: NOW - 2 * MIN, every: 7 * MIN + 11_000, seed: 5 }),
      counter("fp_requests_total", { job: "api", pod: "b" }, { from: NOW - 4 * DAY, to: NOW - MIN, every: 45_000, seed: 3 }),
      counter("fp_requests_total", { job: "other" }, { from: NOW - 10 * DAY, to: NOW, every: 60_000, seed: 2 }),
      counter("fp_errors_total", { job: "api", pod: "a" }, { from: NOW - 31 * DAY, to: NOW - 3 * MIN, every: 13 * MIN, seed: 1 }),
    ]);
    await expectSameCounts(sli);

    // A late sample into an hour already summed, a new series that matches, and a reset: the
    // cache must drop what they change.
    await storeSamples([
      { metric: "fp_errors_total", labels: { job: "api", pod: "b" }, samples: [{ t: NOW - 3 * DAY, v: 10 }, { t: NOW - 2 * DAY - 5 * MIN, v: 40 }, { t: NOW - 20 * MIN, v: 45 }] },
      { metric: "fp_requests_total", labels: { job: "api", pod: "a" }, samples: [{ t: NOW - 90_000, v: 1 }, { t: NOW - 30_000, v: 50 }] },
    ]);
    await expectSameCounts(sli);

    // The series' steps: whole steps summed by block, partial ones at the ends.
    await prepareEmbeddedRead();
    const { total, bad } = (await resolveSelectors([sli]))[0]!;
    for (const [step, length] of [[5 * MIN, 6 * HOUR_MS], [HOUR_MS, 2 * DAY], [90 * MIN, 3 * DAY], [DAY, 30 * DAY]] as const) {
      const boundaries = seriesBoundaries({ start: new Date(NOW - length), end: new Date(NOW) }, step);
      const [valid, errors] = await stepIncreases([total, bad!], boundaries, step);
      for (let i = 0; i + 1 < boundaries.length; i++) {
        const at = `step ${step / MIN}m #${i}`;
        expect(valid![i], at).toBe(await straightIncrease(sli.total.metric, sli.total.matchers, boundaries[i]!, boundaries[i + 1]!));
        expect(errors![i], at).toBe(await straightIncrease(sli.bad.metric, sli.bad.matchers, boundaries[i]!, boundaries[i + 1]!));
      }
    }
  });

  it("give every SLO of a list the figures it gets alone", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    await storeSamples([
      counter("fp_requests_total", { job: "api" }, { from: NOW - 31 * DAY, to: NOW, every: 5 * MIN, seed: 3 }),
      counter("fp_errors_total", { job: "api" }, { from: NOW - 31 * DAY, to: NOW, every: 17 * MIN, seed: 1 }),
      counter("fp_requests_total", { job: "web" }, { from: NOW - 2 * DAY, to: NOW, every: 2 * MIN, seed: 4 }),
      counter("fp_errors_total", { job: "web" }, { from: NOW - 2 * DAY, to: NOW, every: 9 * MIN, seed: 1 }),
    ]);
    const slo = (name: string, job: string, window: { kind: "rolling"; days: number } | { kind: "calendar"; unit: "month"; timeZone: string }) =>
      createSlo({ name, service: "checkout", objective: "0.99", window, labels: {}, sli: { kind: "ratio", bad: { metric: "fp_errors_total", matchers: { job } }, total: { metric: "fp_requests_total", matchers: { job } } } });
    await slo("api 30d", "api", { kind: "rolling", days: 30 });
    await slo("web 7d", "web", { kind: "rolling", days: 7 });
    await slo("api month", "api", { kind: "calendar", unit: "month", timeZone: "Europe/Berlin" });
    const now = new Date(NOW);
    const statuses = await listSloStatuses(now);
    for (const status of statuses) {
      const job = status.name.split(" ")[0]!;
      const start = new Date(status.window.start).getTime();
      const valid = await straightIncrease("fp_requests_total", { job }, start, NOW);
      const bad = await straightIncrease("fp_errors_total", { job }, start, NOW);
      expect(status.budget, status.name).toMatchObject({ valid, bad: Math.min(bad, valid), good: Math.max(0, valid - bad) });
      const hourValid = await straightIncrease("fp_requests_total", { job }, NOW - HOUR_MS, NOW);
      const hourBad = await straightIncrease("fp_errors_total", { job }, NOW - HOUR_MS, NOW);
      expect(status.tiers[0]!.long, status.name).toMatchObject({ valid: hourValid, good: Math.max(0, hourValid - hourBad) });
    }
  });
});
