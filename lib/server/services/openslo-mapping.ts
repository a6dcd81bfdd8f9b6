import "server-only";
// OpenSLO v1 documents ⇄ Steadystate SLO definitions, both ways, without I/O. Everything here is
// exact or refused: a document whose meaning Steadystate cannot hold gets an issue naming the
// field and the reason. Paths are relative to the document (or to an SLI's spec).
import { formatPromSelector, parsePromSelector, type PromSelector } from "@/lib/domain/promql-selector";
import { EMBEDDED } from "@/lib/schemas/datasource";
import {
  ANNOTATIONS, type FieldIssue, fieldIssues, OPENSLO_API_VERSION, type OpenSloBudgetingMethod, type OpenSloMetric, type OpenSloObjective,
  type OpenSloService, type OpenSloSliSpec, type OpenSloSlo, type OpenSloTimeWindow,
} from "@/lib/schemas/openslo";
import type { Service } from "@/lib/schemas/service";
import { type Sli, type SloDefinition, type SloInput, type SloInputRaw, sloInputSchema } from "@/lib/schemas/slo";
import { formatFloat } from "../ingest/decode/otlp-labels";
import { type GaugeQuery, timesliceFromOpenSlo, timesliceToOpenSlo } from "./openslo-timeslices";

type Path = (string | number)[];
export type Mapped<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/**
 * An SLI as Steadystate holds it, with where its data source and (for latency) its boundary were
 * written. For Timeslices a thresholdMetric is a gauge, which the SLO's objective completes.
 */
export type MappedSli = { sli: Sli | GaugeQuery; dataSource: string; dataSourcePath: Path | null; queryPath: Path };

const QUERY = ["metricSource", "spec", "query"];

function selectorOf(metric: OpenSloMetric, path: Path, issues: FieldIssue[]): PromSelector | null {
  const parsed = parsePromSelector(metric.metricSource.spec.query);
  if (parsed.ok) return parsed.selector;
  issues.push({ path: [...path, ...QUERY], message: parsed.message });
  return null;
}

/** One SLI reads one data source: Steadystate keeps a single data source per SLO. */
function dataSourceOf(metrics: [Path, OpenSloMetric][], issues: FieldIssue[]): { name: string; path: Path | null } {
  const refs = metrics.map(([path, m]) => ({ name: m.metricSource.metricSourceRef, path: [...path, "metricSource", "metricSourceRef"] }));
  const first = refs[0]!; // every SLI has at least one metric
  const other = refs.find((r) => r.name !== first.name);
  if (other) issues.push({ path: other.path, message: `every metric of one SLI must come from the same data source (${first.name ?? EMBEDDED} and ${other.name ?? EMBEDDED})` });
  return first.name === undefined ? { name: EMBEDDED, path: null } : { name: first.name, path: first.path };
}

/**
 * An SLI spec as a ratio SLI (ratioMetric), or for Occurrences a latency SLI (thresholdMetric on a
 * histogram bucket), for Timeslices a gauge (thresholdMetric on any selector).
 */
export function sliFromOpenSlo(spec: OpenSloSliSpec, method: OpenSloBudgetingMethod = "Occurrences"): Mapped<MappedSli> {
  const issues: FieldIssue[] = [];
  if (spec.ratioMetric) {
    const { good, bad, total } = spec.ratioMetric;
    const [numeratorKey, numerator] = good ? (["good", good] as const) : (["bad", bad!] as const);
    const numeratorSelector = selectorOf(numerator, ["ratioMetric", numeratorKey], issues);
    const totalSelector = selectorOf(total!, ["ratioMetric", "total"], issues);
    const source = dataSourceOf([[["ratioMetric", numeratorKey], numerator], [["ratioMetric", "total"], total!]], issues);
    if (issues.length > 0 || !numeratorSelector || !totalSelector) return { ok: false, issues };
    const sli: Sli = { kind: "ratio", [numeratorKey]: numeratorSelector, total: totalSelector };
    return { ok: true, value: { sli, dataSource: source.name, dataSourcePath: source.path, queryPath: ["ratioMetric", "total", ...QUERY] } };
  }
  const metric = spec.thresholdMetric!;
  const selector = selectorOf(metric, ["thresholdMetric"], issues);
  const source = dataSourceOf([[["thresholdMetric"], metric]], issues);
  const queryPath = ["thresholdMetric", ...QUERY];
  if (!selector) return { ok: false, issues };
  if (method === "Timeslices") {
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, value: { sli: { kind: "gauge", ...selector }, dataSource: source.name, dataSourcePath: source.path, queryPath } };
  }
  const { le, ...matchers } = selector.matchers;
  const threshold = Number(le);
  if (!selector.metric.endsWith("_bucket") || le === undefined || !Number.isFinite(threshold) || threshold <= 0) {
    const message = 'a threshold metric must be one histogram bucket with a finite le, such as http_request_duration_seconds_bucket{le="0.25"}';
    return { ok: false, issues: [...issues, { path: queryPath, message }] };
  }
  if (issues.length > 0) return { ok: false, issues };
  const sli: Sli = { kind: "latency", histogram: selector.metric.slice(0, -"_bucket".length), matchers, threshold };
  return { ok: true, value: { sli, dataSource: source.name, dataSourcePath: source.path, queryPath } };
}

/** "99.95" → "0.9995" by moving the point, so no float rounding creeps into the objective. */
function percentToFraction(percent: string): string | null {
  const m = /^0*(\d{0,2})(?:\.(\d+))?$/.exec(percent);
  return m ? `0.${(m[1] ?? "").padStart(2, "0")}${m[2] ?? ""}` : null;
}

function objectiveFrom(o: OpenSloObjective, path: Path, issues: FieldIssue[]): string | undefined {
  const written = (v: number | string) => (typeof v === "number" ? formatFloat(v) : v);
  if (o.target !== undefined) return written(o.target);
  const fraction = percentToFraction(written(o.targetPercent!));
  if (fraction === null) issues.push({ path: [...path, "targetPercent"], message: "a percentage below 100, such as 99.9" });
  return fraction ?? undefined;
}

const CALENDAR_UNITS: Record<string, "week" | "month" | "quarter"> = { "1w": "week", "1M": "month", "1Q": "quarter" };
const PERIOD_START = { week: "00:00 on a Monday", month: "00:00 on the 1st", quarter: "00:00 on the 1st of January, April, July or October" };

/** Steadystate aligns calendar periods itself (window-bounds.ts); a startTime off that grid would shift them. */
function startTimeIssue(startTime: string, unit: "week" | "month" | "quarter"): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(startTime);
  if (!m) return "a date and time such as 2024-01-01 00:00:00";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const isMidnight = [m[4], m[5], m[6]].every((part) => part === undefined || Number(part) === 0);
  const isAligned =
    unit === "week" ? new Date(Date.UTC(year, month - 1, day)).getUTCDay() === 1 : day === 1 && (unit === "month" || month % 3 === 1);
  if (isMidnight && isAligned) return null;
  return `Steadystate's calendar ${unit}s start at ${PERIOD_START[unit]} in the window's time zone; ${startTime} would shift them`;
}

function windowFrom(w: OpenSloTimeWindow, path: Path, issues: FieldIssue[]): SloInputRaw["window"] | undefined {
  const at = (field: string, message: string) => issues.push({ path: [...path, ...field.split(".")], message });
  if (w.calendar) {
    const unit = CALENDAR_UNITS[w.duration];
    if (w.isRolling === true) at("isRolling", "a calendar window is not rolling (isRolling: false)");
    if (!unit) return void at("duration", "calendar windows are 1w, 1M or 1Q");
    const problem = w.calendar.startTime === undefined ? null : startTimeIssue(w.calendar.startTime, unit);
    if (problem) at("calendar.startTime", problem);
    return { kind: "calendar", unit, timeZone: w.calendar.timeZone ?? "UTC" };
  }
  if (w.isRolling !== true) return void at("isRolling", "a window is either rolling (isRolling: true) or has a calendar");
  const count = Number(w.duration.slice(0, -1));
  const unit = w.duration.slice(-1);
  if (unit !== "d" && unit !== "w") return void at("duration", "rolling windows are whole days or weeks, such as 30d or 4w");
  return { kind: "rolling", days: unit === "w" ? count * 7 : count };
}

/** Where a field of the definition came from, for sloInputSchema's issues. */
function documentPath(inputPath: PropertyKey[], doc: OpenSloSlo): Path {
  const [head = "", ...rest] = inputPath.map(String);
  const objective = doc.spec.objectives[0]?.target !== undefined ? "target" : "targetPercent";
  const where: Record<string, Path> = {
    name: doc.metadata.annotations?.[ANNOTATIONS.name] !== undefined ? ["metadata", "annotations", ANNOTATIONS.name] : ["metadata", "name"],
    owner: ["metadata", "annotations", ANNOTATIONS.owner],
    labels: ["metadata", "labels", ...rest],
    service: ["spec", "service"],
    description: ["spec", "description"],
    objective: ["spec", "objectives", 0, objective],
    window: ["spec", "timeWindow", 0, ...(rest[0] === "timeZone" ? ["calendar", "timeZone"] : rest[0] === "days" ? ["duration"] : [])],
  };
  return where[head] ?? ["spec", doc.spec.indicator ? "indicator" : "indicatorRef"];
}

/** An SLO document and its (already mapped) SLI as a validated Steadystate definition. */
export function sloFromOpenSlo(doc: OpenSloSlo, indicator: MappedSli): Mapped<SloInput> {
  const issues: FieldIssue[] = [];
  const { metadata, spec } = doc;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    if (typeof value === "string" || value.length === 1) labels[key] = typeof value === "string" ? value : value[0]!;
    else issues.push({ path: ["metadata", "labels", key], message: `Steadystate labels have one value each, not ${value.length}` });
  }
  const objectivePath = ["spec", "objectives", 0];
  const o = spec.objectives[0]!; // the schema allows exactly one
  const objective = objectiveFrom(o, objectivePath, issues);
  let sli = indicator.sli;
  if (spec.budgetingMethod === "Timeslices") {
    const timeslice = timesliceFromOpenSlo(doc, sli, issues);
    if (timeslice) sli = timeslice;
  } else if (sli.kind === "ratio") {
    for (const key of ["op", "value"] as const) {
      if (o[key] !== undefined) issues.push({ path: [...objectivePath, key], message: "only used with a thresholdMetric" });
    }
  } else if (sli.kind === "latency") {
    // A bucket counts requests at or under its le, so only "lte le" says the same thing.
    if (o.op !== undefined && o.op !== "lte") issues.push({ path: [...objectivePath, "op"], message: "a histogram bucket counts values at or under its le: only lte can be mapped" });
    if (o.value !== undefined && o.value !== sli.threshold) {
      issues.push({ path: [...objectivePath, "value"], message: `must equal the query's bucket boundary le="${formatFloat(sli.threshold)}" (or be left out)` });
    }
  }
  const window = windowFrom(spec.timeWindow[0]!, ["spec", "timeWindow", 0], issues);
  if (issues.length > 0 || objective === undefined || window === undefined || sli.kind === "gauge") return { ok: false, issues };
  const raw: SloInputRaw = {
    name: metadata.annotations?.[ANNOTATIONS.name] ?? metadata.name,
    service: spec.service,
    description: spec.description,
    owner: metadata.annotations?.[ANNOTATIONS.owner],
    labels,
    objective,
    window,
    sli,
    dataSource: indicator.dataSource,
  };
  const parsed = sloInputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: fieldIssues(parsed.error.issues).map((i) => ({ path: documentPath(i.path, doc), message: i.message })) };
}

/** A valid OpenSLO name (RFC 1123 label) for a Steadystate name, which may hold spaces and capitals. */
export function openSloName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 63).replace(/^-+|-+$/g, "");
  return slug === "" ? "slo" : slug;
}

function metricOf(selector: PromSelector, dataSource: string): OpenSloMetric {
  const ref = dataSource === EMBEDDED ? {} : { metricSourceRef: dataSource };
  return { metricSource: { ...ref, type: "Prometheus", spec: { query: formatPromSelector(selector) } } };
}

function sliSpecOf(slo: SloDefinition): OpenSloSliSpec {
  const { sli, dataSource } = slo;
  if (sli.kind === "timeslice") return timesliceToOpenSlo(sli, (s) => metricOf(s, dataSource)).spec;
  if (sli.kind === "latency") {
    const bucket = { metric: `${sli.histogram}_bucket`, matchers: { ...sli.matchers, le: formatFloat(sli.threshold) } };
    return { thresholdMetric: metricOf(bucket, dataSource) };
  }
  const numerator = sli.good ? { good: metricOf(sli.good, dataSource) } : { bad: metricOf(sli.bad!, dataSource) };
  return { ratioMetric: { counter: true, ...numerator, total: metricOf(sli.total, dataSource) } };
}

// Any aligned date gives the same periods; this one is a Monday and the first day of a quarter.
const CALENDAR_START = "2024-01-01 00:00:00";

export function openSloServiceOf(service: Service): OpenSloService {
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: "Service",
    metadata: { name: service.slug, displayName: service.name },
    spec: service.description ? { description: service.description } : {},
  };
}

/** An SLO document with its SLI inline; Steadystate-only values go to annotations. */
export function openSloSloOf(slo: SloDefinition): OpenSloSlo {
  const name = openSloName(slo.name);
  const annotations: Record<string, string> = {
    ...(name === slo.name ? {} : { [ANNOTATIONS.name]: slo.name }),
    ...(slo.owner ? { [ANNOTATIONS.owner]: slo.owner } : {}),
  };
  const { window, sli } = slo;
  const objective = Number(slo.objective);
  const timeslice = sli.kind === "timeslice" ? timesliceToOpenSlo(sli, (s) => metricOf(s, slo.dataSource)) : null;
  Object.assign(annotations, timeslice?.annotations);
  return {
    apiVersion: OPENSLO_API_VERSION,
    kind: "SLO",
    metadata: {
      name,
      ...(name === slo.name ? {} : { displayName: slo.name }),
      ...(Object.keys(slo.labels).length > 0 ? { labels: slo.labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ...(slo.description ? { description: slo.description } : {}),
      service: slo.service,
      indicator: { metadata: { name }, spec: sliSpecOf(slo) },
      timeWindow: [
        window.kind === "rolling"
          ? { duration: `${window.days}d`, isRolling: true }
          : { duration: { week: "1w", month: "1M", quarter: "1Q" }[window.unit], calendar: { startTime: CALENDAR_START, timeZone: window.timeZone }, isRolling: false },
      ],
      budgetingMethod: timeslice ? "Timeslices" : "Occurrences",
      objectives: [
        timeslice
          ? { ...(timeslice.objective.op ? { op: timeslice.objective.op, value: timeslice.objective.value } : {}), target: objective, timeSliceTarget: timeslice.objective.timeSliceTarget, timeSliceWindow: timeslice.objective.timeSliceWindow }
          : sli.kind === "latency" ? { op: "lte", value: sli.threshold, target: objective } : { target: objective },
      ],
    },
  };
}
