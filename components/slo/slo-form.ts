// The SLO editor's form: strings as the inputs hold them, and the conversions to and from the
// API's definition. Validation stays on the server (the same zod schema as a save); this only
// reshapes, so what the preview accepts is exactly what a save accepts.
import type { AlertTierInput, Selector, SloDefinition, SloInputRaw } from "@/lib/schemas/slo";

export type TierRow = { severity: "page" | "ticket"; longWindow: string; shortWindow: string; budgetSpent: string };

export type SloForm = {
  name: string;
  service: string;
  description: string;
  owner: string;
  labels: string;
  /** Label names to fan out by, comma-separated. */
  groupBy: string;
  objective: string;
  windowKind: "rolling" | "calendar";
  days: string;
  unit: "week" | "month" | "quarter";
  timeZone: string;
  sliKind: "ratio" | "latency" | "timeslice";
  /** Timeslice: slice length, and what makes a slice good (a gauge's value, or the slice's own ratio). */
  sliceMinutes: string;
  sliceType: "gauge" | "ratio";
  gaugeMetric: string;
  gaugeMatchers: string;
  aggregation: "avg" | "min" | "max";
  op: ">=" | ">" | "<=" | "<";
  gaugeThreshold: string;
  sliceTarget: string;
  ratioCounts: "bad" | "good";
  eventMetric: string;
  eventMatchers: string;
  totalMetric: string;
  totalMatchers: string;
  histogram: string;
  histogramMatchers: string;
  threshold: string;
  dataSource: string;
  customTiers: boolean;
  tiers: TierRow[];
};

export const DEFAULT_TIER_ROWS: TierRow[] = [
  { severity: "page", longWindow: "1h", shortWindow: "5m", budgetSpent: "0.02" },
  { severity: "page", longWindow: "6h", shortWindow: "30m", budgetSpent: "0.05" },
  { severity: "ticket", longWindow: "1d", shortWindow: "2h", budgetSpent: "0.1" },
  { severity: "ticket", longWindow: "3d", shortWindow: "6h", budgetSpent: "0.1" },
];

export function emptyForm(service = ""): SloForm {
  return {
    name: "", service, description: "", owner: "", labels: "", groupBy: "", objective: "0.999",
    windowKind: "rolling", days: "30", unit: "month", timeZone: "UTC",
    sliKind: "ratio", ratioCounts: "bad", eventMetric: "", eventMatchers: "", totalMetric: "", totalMatchers: "",
    histogram: "", histogramMatchers: "", threshold: "", dataSource: "embedded", customTiers: false, tiers: DEFAULT_TIER_ROWS,
    sliceMinutes: "1", sliceType: "gauge", gaugeMetric: "", gaugeMatchers: "", aggregation: "min", op: ">=", gaugeThreshold: "1", sliceTarget: "0.99",
  };
}

/** Splits on commas outside double quotes: `a="x,y", b=1` → [`a="x,y"`, `b=1`]. */
function splitPairs(text: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      pieces.push(current);
      current = "";
    } else current += ch;
  }
  return [...pieces, current].map((p) => p.trim()).filter(Boolean);
}

/** `code="500", job=api` → { code: "500", job: "api" }; a piece without `=` keeps its text as the name, for the server to refuse by name. */
export function parsePairs(text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const piece of splitPairs(text)) {
    const at = piece.indexOf("=");
    const name = (at < 0 ? piece : piece.slice(0, at)).trim();
    pairs[name] = at < 0 ? "" : piece.slice(at + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  return pairs;
}

export function formatPairs(pairs: Record<string, string>): string {
  return Object.entries(pairs).map(([k, v]) => `${k}="${v}"`).join(", ");
}

const numberOr = (text: string) => (text.trim() === "" || Number.isNaN(Number(text)) ? text : Number(text));

function sliOf(form: SloForm): SloInputRaw["sli"] {
  const counters = {
    [form.ratioCounts]: { metric: form.eventMetric.trim(), matchers: parsePairs(form.eventMatchers) },
    total: { metric: form.totalMetric.trim(), matchers: parsePairs(form.totalMatchers) },
  } as { good?: Selector; bad?: Selector; total: Selector };
  if (form.sliKind === "ratio") return { kind: "ratio", ...counters };
  if (form.sliKind === "latency") return { kind: "latency", histogram: form.histogram.trim(), matchers: parsePairs(form.histogramMatchers), threshold: numberOr(form.threshold) as number };
  return {
    kind: "timeslice",
    sliceMinutes: numberOr(form.sliceMinutes) as number,
    indicator:
      form.sliceType === "gauge"
        ? { type: "gauge", metric: form.gaugeMetric.trim(), matchers: parsePairs(form.gaugeMatchers), aggregation: form.aggregation, op: form.op, threshold: numberOr(form.gaugeThreshold) as number }
        : { type: "ratio", ...counters, target: numberOr(form.sliceTarget) as number },
  };
}

export function toDefinition(form: SloForm): SloInputRaw {
  const sli = sliOf(form);
  return {
    name: form.name,
    service: form.service,
    description: form.description.trim() || null,
    owner: form.owner.trim() || null,
    labels: parsePairs(form.labels),
    objective: form.objective.trim(),
    window: form.windowKind === "rolling" ? { kind: "rolling", days: numberOr(form.days) as number } : { kind: "calendar", unit: form.unit, timeZone: form.timeZone.trim() },
    sli,
    dataSource: form.dataSource,
    alertTiers: form.customTiers ? (form.tiers as AlertTierInput[]) : null,
    groupBy: form.groupBy.split(",").map((l) => l.trim()).filter(Boolean),
  };
}

export function fromDefinition(slo: SloDefinition): SloForm {
  const form = emptyForm(slo.service);
  const base: SloForm = {
    ...form,
    name: slo.name, description: slo.description ?? "", owner: slo.owner ?? "", labels: formatPairs(slo.labels), groupBy: slo.groupBy.join(", "), objective: slo.objective,
    dataSource: slo.dataSource, customTiers: slo.alertTiers !== null, tiers: slo.alertTiers ?? DEFAULT_TIER_ROWS,
    ...(slo.window.kind === "rolling" ? { windowKind: "rolling", days: String(slo.window.days) } : { windowKind: "calendar", unit: slo.window.unit, timeZone: slo.window.timeZone }),
  };
  if (slo.sli.kind === "latency") {
    return { ...base, sliKind: "latency", histogram: slo.sli.histogram, histogramMatchers: formatPairs(slo.sli.matchers), threshold: String(slo.sli.threshold) };
  }
  const counters = (c: { good?: Selector; bad?: Selector; total: Selector }) => {
    const event = c.bad ?? c.good!;
    return {
      ratioCounts: c.bad ? ("bad" as const) : ("good" as const), eventMetric: event.metric, eventMatchers: formatPairs(event.matchers),
      totalMetric: c.total.metric, totalMatchers: formatPairs(c.total.matchers),
    };
  };
  if (slo.sli.kind === "ratio") return { ...base, sliKind: "ratio", ...counters(slo.sli) };
  const { sliceMinutes, indicator: i } = slo.sli;
  const slices = { ...base, sliKind: "timeslice" as const, sliceMinutes: String(sliceMinutes) };
  if (i.type === "ratio") return { ...slices, sliceType: "ratio", ...counters(i), sliceTarget: String(i.target) };
  return {
    ...slices, sliceType: "gauge", gaugeMetric: i.metric, gaugeMatchers: formatPairs(i.matchers), aggregation: i.aggregation, op: i.op, gaugeThreshold: String(i.threshold),
  };
}
