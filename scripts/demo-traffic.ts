// Synthetic traffic for the demo: every counter is a closed-form function of absolute time, so a
// second `npm run demo` continues the same curves (earlier samples are dropped as duplicates)
// instead of restarting counters. Daily cycles, a steady error ratio, and incidents at fixed
// times, so the budgets, burn rates and alerts on screen are the real math on plausible data.

import { DAY_MS, HOUR_MS } from "../lib/domain/slo-math";

/** Requests since the epoch at `base` req/s with a ±40% daily cycle (the integral of the rate). */
export function requests(t: number, base: number): number {
  const seconds = t / 1000;
  const cycle = ((0.4 * DAY_MS) / (2 * Math.PI * 1000)) * (1 - Math.cos((2 * Math.PI * t) / DAY_MS));
  return Math.floor(base * (seconds + cycle));
}

/** Errors from incidents that start every `everyMs` (offset by `atMs`), last `forMs`, and fail `ratio` of requests. */
function incidentErrors(t: number, base: number, incident: { everyMs: number; atMs: number; forMs: number; ratio: number }): number {
  const { everyMs, atMs, forMs, ratio } = incident;
  const perIncident = ratio * base * (forMs / 1000);
  const completed = Math.max(0, Math.floor((t - atMs) / everyMs));
  const into = t - atMs - completed * everyMs;
  return completed * perIncident + ratio * base * (Math.min(Math.max(into, 0), forMs) / 1000);
}

export type DemoService = {
  slug: string;
  base: number;
  errorRatio: number;
  incident: { everyMs: number; atMs: number; forMs: number; ratio: number };
};

export const DEMO_TRAFFIC: DemoService[] = [
  // Healthy: a short incident every 5 days.
  { slug: "checkout", base: 40, errorRatio: 0.0002, incident: { everyMs: 5 * DAY_MS, atMs: 14 * HOUR_MS, forMs: 20 * 60_000, ratio: 0.05 } },
  // Burning now and then: a 40-minute error burst every 6 hours.
  { slug: "payments-gateway", base: 12, errorRatio: 0.001, incident: { everyMs: 6 * HOUR_MS, atMs: 0, forMs: 40 * 60_000, ratio: 0.03 } },
  // Overspent: errors well above a 99.9% objective.
  { slug: "accounts", base: 25, errorRatio: 0.0018, incident: { everyMs: DAY_MS, atMs: 9 * HOUR_MS, forMs: 10 * 60_000, ratio: 0.02 } },
];

export function errors(t: number, service: DemoService): number {
  return Math.floor(service.errorRatio * requests(t, service.base) + incidentErrors(t, service.base, service.incident));
}

/** Cumulative latency histogram for the catalog: share of requests at or under each bound. */
export const CATALOG_BUCKETS: [string, number][] = [["0.05", 0.6], ["0.1", 0.86], ["0.25", 0.99], ["0.5", 0.996], ["1", 0.999], ["+Inf", 1]];
