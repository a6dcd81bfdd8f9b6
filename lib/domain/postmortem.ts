// Postmortems: the template, the workflow rules, the incident durations and the per-field diff of
// two versions. Pure: every time is a parameter.

import { DAY_MS } from "./slo-math";

/**
 * The free-text sections, in the order of the Google SRE book's example postmortem and
 * Atlassian's incident handbook. Every one is Markdown.
 */
export const POSTMORTEM_SECTIONS = [
  { key: "summary", label: "Summary", hint: "What happened, in two or three sentences." },
  { key: "impact", label: "Impact", hint: "Who was affected, how, and for how long. The budget figures below are computed for you." },
  { key: "trigger", label: "Trigger", hint: "The change or event that set it off." },
  { key: "rootCauses", label: "Root causes and contributing factors", hint: "The conditions that let the trigger cause harm. Ask why more than once." },
  { key: "detection", label: "Detection", hint: "How it was noticed, and how it could be noticed sooner." },
  { key: "resolution", label: "Resolution", hint: "What mitigated it and what finally resolved it." },
  { key: "wentWell", label: "What went well", hint: "" },
  { key: "wentWrong", label: "What went wrong", hint: "" },
  { key: "lucky", label: "Where we got lucky", hint: "Near misses: what could have made it worse." },
  { key: "links", label: "Supporting links", hint: "Dashboards, chat logs, tickets, runbooks." },
] as const;
export type SectionKey = (typeof POSTMORTEM_SECTIONS)[number]["key"];
export const SECTION_KEYS = POSTMORTEM_SECTIONS.map((s) => s.key) as [SectionKey, ...SectionKey[]];
export type Sections = Record<SectionKey, string>;

export const POSTMORTEM_STATUSES = ["draft", "in-review", "published"] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTION_TYPES = ["prevent", "mitigate", "detect", "process"] as const;
export const ACTION_STATUSES = ["open", "in-progress", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * Atlassian's handbook gives priority actions an SLO of 4 weeks for the most severe incidents and
 * 8 weeks for the rest; the due date defaults to that after the incident started.
 */
export const DUE_DAYS: Record<Severity, number> = { sev1: 28, sev2: 28, sev3: 56, sev4: 56 };

export function defaultDueDate(severity: Severity, startedAt: Date): Date {
  return new Date(startedAt.getTime() + DUE_DAYS[severity] * DAY_MS);
}

/** Which status may follow which: review sits between writing and publishing, and can send back. */
const NEXT: Record<PostmortemStatus, PostmortemStatus[]> = {
  draft: ["in-review"],
  "in-review": ["draft", "published"],
  published: [],
};

export function canMoveTo(from: PostmortemStatus, to: PostmortemStatus): boolean {
  return NEXT[from].includes(to);
}

export type PublishCheck = { path: string[]; message: string };

/** What stops a postmortem from being published; empty when it may be. */
export function publishProblems(doc: { sections: Sections; actionItemCount: number; noActionItems: boolean; resolvedAt: Date | null }): PublishCheck[] {
  const problems: PublishCheck[] = [];
  if (doc.actionItemCount === 0 && !doc.noActionItems) {
    problems.push({ path: ["actionItems"], message: "add at least one action item, or state explicitly that none is needed" });
  }
  if (doc.sections.summary.trim() === "") problems.push({ path: ["sections", "summary"], message: "write a summary before publishing" });
  if (!doc.resolvedAt) problems.push({ path: ["resolvedAt"], message: "set when the incident was resolved before publishing" });
  return problems;
}

export type IncidentTimes = { startedAt: Date; detectedAt: Date | null; mitigatedAt: Date | null; resolvedAt: Date | null };

/**
 * Per incident, as Atlassian's handbook measures them, all from the start of impact:
 * time to detect = detected − started, to mitigate = mitigated − started, to resolve = resolved − started.
 * null where a time is not known yet.
 */
export function incidentDurations(times: IncidentTimes): { ttdMs: number | null; ttmMs: number | null; ttrMs: number | null } {
  const since = (t: Date | null) => (t ? t.getTime() - times.startedAt.getTime() : null);
  return { ttdMs: since(times.detectedAt), ttmMs: since(times.mitigatedAt), ttrMs: since(times.resolvedAt) };
}

/** MTTD and MTTR: the means over the incidents that have the time; null when none has. */
export function meanDurations(incidents: IncidentTimes[]): { mttdMs: number | null; mttrMs: number | null; detected: number; resolved: number } {
  const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  const all = incidents.map(incidentDurations);
  const ttd = all.flatMap((d) => (d.ttdMs === null ? [] : [d.ttdMs]));
  const ttr = all.flatMap((d) => (d.ttrMs === null ? [] : [d.ttrMs]));
  return { mttdMs: mean(ttd), mttrMs: mean(ttr), detected: ttd.length, resolved: ttr.length };
}

/** Where the incident window ends: resolved, else mitigated, else now (still open). */
export function incidentEnd(times: IncidentTimes, now: Date): Date {
  return times.resolvedAt ?? times.mitigatedAt ?? now;
}

/** Time problems, each on the field that is wrong: nothing may come before the start. */
export function timeProblems(times: IncidentTimes): PublishCheck[] {
  const problems: PublishCheck[] = [];
  const start = times.startedAt.getTime();
  for (const field of ["detectedAt", "mitigatedAt", "resolvedAt"] as const) {
    const t = times[field];
    if (t && t.getTime() < start) problems.push({ path: [field], message: `${field.replace("At", "")} must not be before the incident started` });
  }
  const isResolvedBeforeStart = problems.some((p) => p.path[0] === "resolvedAt");
  if (!isResolvedBeforeStart && times.mitigatedAt && times.resolvedAt && times.resolvedAt < times.mitigatedAt) {
    problems.push({ path: ["resolvedAt"], message: "resolved must not be before mitigated" });
  }
  return problems;
}

export type FieldChange = { field: string; before: unknown; after: unknown };

/**
 * The top-level fields that differ between two versions of a document (sections compared one by
 * one), with both values, so "what changed" can be shown field by field.
 */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const flat = (doc: Record<string, unknown> | null) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(doc ?? {})) {
      if (key === "sections" && value && typeof value === "object") {
        for (const [s, text] of Object.entries(value)) out[`sections.${s}`] = text;
      } else out[key] = value;
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields
    .filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null))
    .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
}

/** Open action items past their due date first (oldest due first), then the rest by due date. */
export function byOverdueFirst<T extends { dueDate: Date; status: ActionStatus }>(now: Date) {
  const isOverdue = (item: T) => item.status !== "done" && item.dueDate.getTime() < now.getTime();
  return (a: T, b: T) => {
    const rank = (item: T) => (isOverdue(item) ? 0 : item.status === "done" ? 2 : 1);
    return rank(a) - rank(b) || a.dueDate.getTime() - b.dueDate.getTime();
  };
}

export function isOverdue(item: { dueDate: Date; status: ActionStatus }, now: Date): boolean {
  return item.status !== "done" && item.dueDate.getTime() < now.getTime();
}

/**
 * The root causes written in the section, one per list item ("- ", "* ", "1. "); without a list,
 * one per paragraph. Emphasis marks are dropped; each is cut to 2000 characters (FMEA's limit).
 */
export function rootCauseList(markdown: string): string[] {
  const clean = (s: string) => s.replace(/[*_`]+/g, "").replace(/\s+/g, " ").trim().slice(0, 2000);
  const lines = markdown.split(/\r?\n/);
  const bullet = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
  const items: string[] = [];
  let isList = false;
  for (const line of lines) {
    const m = bullet.exec(line);
    if (m) {
      isList = true;
      items.push(m[1]!);
    } else if (isList && line.trim() !== "" && /^\s{2,}/.test(line) && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  const found = isList ? items : markdown.split(/\n\s*\n/);
  return [...new Set(found.map(clean).filter((s) => s.length > 0))].slice(0, 50);
}
