// The checks every ingest format shares (remote write, OTLP, JSON), so one request is judged the
// same whichever way it arrives. A request that breaks any of them is rejected whole.
import type { CounterSample } from "./counter-increase";

export type IngestLimits = {
  maxSeries: number;
  maxLabels: number;
  maxLabelLength: number;
  maxFutureMs: number;
};

export type IngestSeriesInput = { metric: string; labels: Readonly<Record<string, string>>; samples: readonly CounterSample[] };

/** Prometheus' own rules for names (data model docs); `__`-prefixed label names are reserved. */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type LimitViolation = { status: 400 | 413; message: string };

function describe(series: IngestSeriesInput): string {
  const shown = JSON.stringify(series.metric).slice(0, 120);
  return `series ${shown}`;
}

/**
 * Label sets that passed, by identity, with the metric they passed with: a decoder that hands the
 * same frozen labels object for the same series every request (remote write's label-set cache)
 * has its names checked once. Only for one set of limits.
 */
export type PassedLabelSets = WeakMap<object, string>;

/** The first problem with the request, or null when every series and sample passes. */
export function ingestViolation(batch: readonly IngestSeriesInput[], limits: IngestLimits, now: number, passed?: PassedLabelSets): LimitViolation | null {
  if (batch.length > limits.maxSeries) {
    return { status: 413, message: `${batch.length} series in one request; the limit is ${limits.maxSeries}` };
  }
  const latest = now + limits.maxFutureMs;
  for (const series of batch) {
    if (passed?.get(series.labels) !== series.metric) {
      const violation = namesViolation(series, limits);
      if (violation) return violation;
      if (Object.isFrozen(series.labels)) passed?.set(series.labels, series.metric);
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
