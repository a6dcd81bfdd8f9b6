import "server-only";
import pRetry from "p-retry";
import type { Interval } from "@/lib/domain/slo-math";
import type { Selector, Sli } from "@/lib/schemas/slo";
import { AppError } from "../errors";
import { DependencyError, keyedBreakers, retryOrAbort } from "../resilience";
import type { DataSourceConfig } from "../repos/datasources";
import { sliSelectors, type WindowCounts } from "./embedded";
import { openDataSourceHeaders } from "./headers";

// Prometheus' label-value escaping in PromQL string literals.
const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

export function promSelector(selector: Selector): string {
  const matchers = Object.entries(selector.matchers).map(([name, value]) => `${name}=${quote(value)}`);
  return `${selector.metric}{${matchers.join(",")}}`;
}

/** Seconds as PromQL writes a range: whole seconds, at least one. */
const range = (interval: Interval) => `${Math.max(1, Math.round((interval.end.getTime() - interval.start.getTime()) / 1000))}s`;

export const increaseQuery = (selector: Selector, interval: Interval) => `sum(increase(${promSelector(selector)}[${range(interval)}]))`;

export type QueryData = { resultType: string; result: { metric?: Record<string, string>; value?: [number, string]; values?: [number, string][] }[] };
type QueryResponse = { status: string; error?: string; data?: QueryData };
type Endpoint = "query" | "query_range";

/** One API call with a timeout; 4xx (a bad query) is not worth retrying, 5xx and network errors are. */
async function apiQuery(ds: DataSourceConfig, endpoint: Endpoint, params: Record<string, string>): Promise<QueryData> {
  const url = `${ds.url}/api/v1/${endpoint}?${new URLSearchParams(params)}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: openDataSourceHeaders(ds.headers), signal: AbortSignal.timeout(ds.timeoutMs) });
  } catch (error) {
    throw new DependencyError(`${ds.name}: ${(error as Error).name === "TimeoutError" ? `no answer within ${ds.timeoutMs} ms` : (error as Error).message}`, true);
  }
  const body = (await response.json().catch(() => null)) as QueryResponse | null;
  if (!response.ok || body?.status !== "success") {
    throw new DependencyError(`${ds.name}: HTTP ${response.status}${body?.error ? `: ${body.error}` : ""}`, response.status >= 500 || response.status === 429);
  }
  return body.data ?? { resultType: "vector", result: [] };
}

// One breaker per data source and process: after repeated failures, queries fail at once for a
// while instead of each waiting out its timeout, and the pages fall back to stale figures.
const breakers = keyedBreakers(apiQuery);
const breakerFor = (ds: DataSourceConfig) => breakers(ds.id, { volumeThreshold: 5, rollingCountTimeout: 30_000, resetTimeout: 15_000 });

/** An API call through the breaker, retried with exponential backoff and full jitter when it may help. */
export async function prometheusQuery(ds: DataSourceConfig, endpoint: Endpoint, params: Record<string, string>): Promise<QueryData> {
  const breaker = breakerFor(ds);
  try {
    return await pRetry(
      () => breaker.fire(ds, endpoint, params).catch(retryOrAbort),
      { retries: 2, minTimeout: 100, maxTimeout: 1_000, factor: 3, randomize: true },
    );
  } catch (error) {
    const message = breaker.opened ? `${ds.name}: circuit open after repeated failures; retrying in the background` : (error as Error).message;
    throw new AppError("UNAVAILABLE", message);
  }
}

/** An instant query's single number; no series matched means no events, which the math treats as no data. */
export async function queryNumber(ds: DataSourceConfig, query: string, at: Date): Promise<number> {
  const data = await prometheusQuery(ds, "query", { query, time: String(at.getTime() / 1000) });
  return Number(data.result[0]?.value?.[1] ?? 0);
}

/** The Prometheus data source: the same counts as the embedded one, from PromQL increase(). */
export function prometheusSource(ds: DataSourceConfig, sli: Sli) {
  const selectors = sliSelectors(sli);
  return {
    async counts(interval: Interval): Promise<WindowCounts> {
      const [valid, good, bad] = await Promise.all([
        queryNumber(ds, increaseQuery(selectors.total, interval), interval.end),
        selectors.good ? queryNumber(ds, increaseQuery(selectors.good, interval), interval.end) : Promise.resolve(null),
        selectors.bad ? queryNumber(ds, increaseQuery(selectors.bad, interval), interval.end) : Promise.resolve(0),
      ]);
      return { good: good ?? valid - bad, valid };
    },
    /** Prometheus keeps its own retention; coverage is not reported for it. */
    async historyStart(): Promise<Date | null> {
      return null;
    },
  };
}
