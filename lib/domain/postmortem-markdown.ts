// One postmortem as a Markdown file: the same sections, figures and tables the page shows.

import { POSTMORTEM_SECTIONS, type Sections } from "./postmortem";
import type { TimelineEntry } from "./postmortem-timeline";

export type MarkdownInput = {
  title: string;
  status: string;
  severity: string;
  version: number;
  authors: string[];
  tags: string[];
  times: { startedAt: string; detectedAt: string | null; mitigatedAt: string | null; resolvedAt: string | null };
  durations: { ttdMs: number | null; ttmMs: number | null; ttrMs: number | null };
  budgets: { name: string; service: string; bad: number | null; valid: number | null; allowed: number | null; consumed: number | null; error: string | null }[];
  sections: Sections;
  timeline: TimelineEntry[];
  actionItems: { title: string; type: string; owner: string; dueDate: string; status: string; ticketUrl: string | null }[];
  noActionItems: boolean;
};

/** "1 h 05 min", "12 min", "45 s"; "—" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 0) return "— (a time is before the start)";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${String(m % 60).padStart(2, "0")} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

// Table cells may not hold a pipe or a line break.
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");

export function postmortemMarkdown(p: MarkdownInput): string {
  const out: string[] = [`# ${p.title}`, ""];
  out.push(`Status: ${p.status} · Severity: ${p.severity} · Version ${p.version}`, "");
  if (p.authors.length > 0) out.push(`Authors: ${p.authors.join(", ")}`, "");
  if (p.tags.length > 0) out.push(`Tags: ${p.tags.join(", ")}`, "");
  out.push("| Started | Detected | Mitigated | Resolved | Time to detect | Time to resolve |", "|---|---|---|---|---|---|");
  out.push(`| ${utc(p.times.startedAt)} | ${utc(p.times.detectedAt)} | ${utc(p.times.mitigatedAt)} | ${utc(p.times.resolvedAt)} | ${formatDuration(p.durations.ttdMs)} | ${formatDuration(p.durations.ttrMs)} |`, "");
  if (p.budgets.length > 0) {
    out.push("## Error budget spent in the incident window", "", "| SLO | Bad events | Valid events | Allowed in period | Share of period's budget |", "|---|---|---|---|---|");
    for (const b of p.budgets) {
      const share = b.consumed === null ? (b.error ?? "unavailable") : `${(b.consumed * 100).toFixed(1)} %`;
      out.push(`| ${cell(`${b.service} / ${b.name}`)} | ${b.bad ?? "—"} | ${b.valid ?? "—"} | ${b.allowed ?? "—"} | ${cell(share)} |`);
    }
    out.push("");
  }
  for (const section of POSTMORTEM_SECTIONS) {
    const text = p.sections[section.key].trim();
    out.push(`## ${section.label}`, "", text === "" ? "_Not written._" : text, "");
    if (section.key === "resolution") {
      out.push("## Timeline", "");
      if (p.timeline.length === 0) out.push("_No entries._");
      for (const e of p.timeline) out.push(`- **${utc(e.at)}** ${e.text.replace(/\r?\n/g, " ")}${e.source ? ` _(recorded ${e.source.kind} event ${e.source.eventId})_` : ""}`);
      out.push("");
    }
  }
  out.push("## Action items", "");
  if (p.actionItems.length === 0) out.push(p.noActionItems ? "None needed (stated by the authors)." : "_None yet._");
  else {
    out.push("| Action | Type | Owner | Due | Status | Ticket |", "|---|---|---|---|---|---|");
    for (const a of p.actionItems) out.push(`| ${cell(a.title)} | ${a.type} | ${cell(a.owner)} | ${a.dueDate.slice(0, 10)} | ${a.status} | ${a.ticketUrl ? `<${a.ticketUrl}>` : "—"} |`);
  }
  return `${out.join("\n")}\n`;
}
