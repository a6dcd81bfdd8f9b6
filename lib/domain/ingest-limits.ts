// The checks every ingest format shares (remote write, OTLP, JSON), so one request is judged the
// same whichever way it arrives. A request that breaks any of them is rejected whole.
import type { CounterSample } from "./counter-increase";

export type IngestLimits = {
  maxSeries: number;
  maxLabels: number;
  maxLabelLength: number;
  maxFutureMs: number;
};

/**
 * Scratch kept with a series by a decoder that hands out the same one every request (remote
 * write's label-set cache): each later stage parks what it found out about the series here, so a
 * series sent every scrape skips that stage's lookups. `passedLimits`: the limits its names
 * passed. `owner`/`entry`: a sample log's state for it (the log checks it is the owner and the
 * entry still live before using it).
 */
export type SeriesMemo = { passedLimits: IngestLimits | null; owner: object | null; entry: object | null };

export const newSeriesMemo = (): SeriesMemo => ({ passedLimits: null, owner: null, entry: null });

export type IngestSeriesInput = { metric: string; labels: Readonly<Record<string, string>>; memo?: SeriesMemo; samples: readonly CounterSample[] };

/** Prometheus' own rules for names (data model docs); `__`-prefixed label names are reserved. */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type LimitViolation = { status: 400 | 413; message: string };

function describe(series: IngestSeriesInput): string {
  const shown = JSON.stringify(series.metric).slice(0, 120);
  return `series ${shown}`;
}

/** The first problem with the request, or null when every series and sample passes. */
export function ingestViolation(batch: readonly IngestSeriesInput[], limits: IngestLimits, now: number): LimitViolation | null {
  if (batch.length > limits.maxSeries) {
    return { status: 413, message: `${batch.length} series in one request; the limit is ${limits.maxSeries}` };
  }
  const latest = now + limits.maxFutureMs;
  for (const series of batch) {
    // A memo is only ever handed out with the same metric and frozen labels: its names were checked.
    const memo = series.memo;
    if (!memo || !isSameLimits(memo.passedLimits, limits)) {
      const violation = namesViolation(series, limits);
      if (violation) return violation;
      if (memo) memo.passedLimits = limits;
    }
    for (const sample of series.samples) {
      if (!Number.isSafeInteger(sample.t) || sample.t < 0) return { status: 400, message: `${describe(series)}: timestamp ${sample.t} is not whole milliseconds since the epoch` };
      if (sample.t > latest) {
        return { status: 400, message: `${describe(series)}: timestamp ${new Date(sample.t).toISOString()} is more than ${limits.maxFutureMs / 1000} s in the future` };
      }
      if (sample.start !== undefined && !Number.isFinite(sample.start)) return { status: 400, message: `${describe(series)}: start time is not a number` };
    }
  }
  return null;
}

function isSameLimits(a: IngestLimits | null, b: IngestLimits): boolean {
  return a === b || (a !== null && a.maxLabels === b.maxLabels && a.maxLabelLength === b.maxLabelLength);
}

function namesViolation(series: IngestSeriesInput, limits: IngestLimits): LimitViolation | null {
  if (!METRIC_NAME.test(series.metric)) return { status: 400, message: `${describe(series)}: invalid metric name` };
  const names = Object.keys(series.labels);
  if (names.length > limits.maxLabels) {
    return { status: 400, message: `${describe(series)}: ${names.length} labels; the limit is ${limits.maxLabels}` };
  }
  for (const name of names) {
    if (!LABEL_NAME.test(name) || name.startsWith("__")) return { status: 400, message: `${describe(series)}: invalid label name ${JSON.stringify(name).slice(0, 120)}` };
    const value = series.labels[name]!;
    if (name.length > limits.maxLabelLength || value.length > limits.maxLabelLength) {
      return { status: 400, message: `${describe(series)}: label ${name} is longer than ${limits.maxLabelLength} characters` };
    }
  }
  return null;
}
