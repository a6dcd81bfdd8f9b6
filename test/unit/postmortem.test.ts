import { describe, expect, it } from "vitest";
import {
  byOverdueFirst, canMoveTo, defaultDueDate, fieldChanges, incidentDurations, incidentEnd, meanDurations, publishProblems, rootCauseList, timeProblems,
} from "@/lib/domain/postmortem";
import { draftTimeline, latestAlertEpisode, sortTimeline } from "@/lib/domain/postmortem-timeline";
import { formatDuration, postmortemMarkdown } from "@/lib/domain/postmortem-markdown";
import type { EventRecord } from "@/lib/domain/events";

const t = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00Z`);
const MIN = 60_000;
const emptySections = { summary: "", impact: "", trigger: "", rootCauses: "", detection: "", resolution: "", wentWell: "", wentWrong: "", lucky: "", links: "" };

describe("incident durations (Atlassian: from the start of impact)", () => {
  it.each([
    [{ startedAt: t("14:00"), detectedAt: t("14:07"), mitigatedAt: t("14:20"), resolvedAt: t("15:05") }, { ttdMs: 7 * MIN, ttmMs: 20 * MIN, ttrMs: 65 * MIN }],
    [{ startedAt: t("14:00"), detectedAt: null, mitigatedAt: null, resolvedAt: null }, { ttdMs: null, ttmMs: null, ttrMs: null }],
    [{ startedAt: t("14:00"), detectedAt: t("14:00"), mitigatedAt: null, resolvedAt: t("14:30") }, { ttdMs: 0, ttmMs: null, ttrMs: 30 * MIN }],
  ])("%#", (times, expected) => expect(incidentDurations(times)).toEqual(expected));

  it("averages only the incidents that have the time", () => {
    expect(meanDurations([
      { startedAt: t("14:00"), detectedAt: t("14:10"), mitigatedAt: null, resolvedAt: t("15:00") },
      { startedAt: t("10:00"), detectedAt: t("10:20"), mitigatedAt: null, resolvedAt: null },
    ])).toEqual({ mttdMs: 15 * MIN, mttrMs: 60 * MIN, detected: 2, resolved: 1 });
    expect(meanDurations([])).toEqual({ mttdMs: null, mttrMs: null, detected: 0, resolved: 0 });
  });

  it("ends the window at resolved, else mitigated, else now", () => {
    const now = t("18:00");
    expect(incidentEnd({ startedAt: t("14:00"), detectedAt: null, mitigatedAt: t("14:30"), resolvedAt: t("15:00") }, now)).toEqual(t("15:00"));
    expect(incidentEnd({ startedAt: t("14:00"), detectedAt: null, mitigatedAt: t("14:30"), resolvedAt: null }, now)).toEqual(t("14:30"));
    expect(incidentEnd({ startedAt: t("14:00"), detectedAt: null, mitigatedAt: null, resolvedAt: null }, now)).toEqual(now);
  });

  it("puts each time problem on its own field", () => {
    expect(timeProblems({ startedAt: t("14:00"), detectedAt: t("13:59"), mitigatedAt: t("14:30"), resolvedAt: t("14:20") }).map((p) => p.path[0])).toEqual(["detectedAt", "resolvedAt"]);
    expect(timeProblems({ startedAt: t("14:00"), detectedAt: t("14:00"), mitigatedAt: null, resolvedAt: t("14:00") })).toEqual([]);
  });
});

describe("workflow", () => {
  it.each([
    ["draft", "in-review", true], ["draft", "published", false], ["in-review", "draft", true], ["in-review", "published", true],
    ["published", "draft", false], ["published", "in-review", false],
  ] as const)("%s → %s: %s", (from, to, allowed) => expect(canMoveTo(from, to)).toBe(allowed));

  it("publishes only with an action item or an explicit none, a summary and a resolved time", () => {
    const base = { sections: { ...emptySections, summary: "x" }, actionItemCount: 0, noActionItems: false, resolvedAt: t("15:00") };
    expect(publishProblems(base).map((p) => p.path.join("."))).toEqual(["actionItems"]);
    expect(publishProblems({ ...base, noActionItems: true })).toEqual([]);
    expect(publishProblems({ ...base, actionItemCount: 1 })).toEqual([]);
    expect(publishProblems({ ...base, actionItemCount: 1, sections: emptySections, resolvedAt: null }).map((p) => p.path.join("."))).toEqual(["sections.summary", "resolvedAt"]);
  });

  it("defaults due dates to 4 weeks for sev1/sev2 and 8 weeks for sev3/sev4", () => {
    expect(defaultDueDate("sev1", t("14:00")).toISOString()).toBe("2026-12-18T14:00:00.000Z");
    expect(defaultDueDate("sev3", t("14:00")).toISOString()).toBe("2027-01-15T14:00:00.000Z");
  });

  it("lists the fields that changed, sections one by one", () => {
    expect(fieldChanges(null, { title: "A" })).toEqual([{ field: "title", before: null, after: "A" }]);
    expect(fieldChanges({ title: "A", sections: { summary: "s", impact: "i" }, tags: ["x"] }, { title: "A", sections: { summary: "s2", impact: "i" }, tags: ["x"] }))
      .toEqual([{ field: "sections.summary", before: "s", after: "s2" }]);
    expect(fieldChanges({ tags: ["x"] }, { tags: ["x"] })).toEqual([]);
  });

  it("sorts action items overdue first, then open by due date, done last", () => {
    const now = t("12:00");
    const items = [
      { id: "done-late", dueDate: t("01:00"), status: "done" as const },
      { id: "open-later", dueDate: t("20:00"), status: "open" as const },
      { id: "overdue-recent", dueDate: t("11:00"), status: "in-progress" as const },
      { id: "overdue-oldest", dueDate: t("02:00"), status: "open" as const },
    ];
    expect(items.sort(byOverdueFirst(now)).map((i) => i.id)).toEqual(["overdue-oldest", "overdue-recent", "open-later", "done-late"]);
  });
});

const event = (id: string, at: string, kind: EventRecord["kind"], subject: string, service: string | null, detail: Record<string, unknown> = {}): EventRecord =>
  ({ id, at: t(at).toISOString(), kind, subject, service, title: `${kind} ${id}`, detail });

describe("draft timeline", () => {
  const events = [
    event("a1", "14:01", "alert", "slo-1", "checkout", { tier: "page 1h/5m", to: "pending" }),
    event("b1", "14:02", "breaker", "checkout/db/main", "checkout"),
    event("b2", "14:03", "breaker", "search/es/main", "search"),
    event("a2", "14:04", "alert", "slo-2", "checkout"),
    event("p1", "14:05", "postmortem", "pm-1", "checkout"),
    event("f1", "14:06", "failover", "cluster-1", null),
  ];

  it("keeps the chosen SLOs' alerts and their services' other events, each with its source", () => {
    const entries = draftTimeline(events, { sloIds: ["slo-1"], services: ["checkout"], accepted: [] });
    expect(entries.map((e) => e.source?.eventId)).toEqual(["a1", "b1", "f1"]);
    expect(entries[0]).toEqual({ id: "event-a1", at: t("14:01").toISOString(), text: "alert a1", source: { eventId: "a1", kind: "alert" } });
  });

  it("offers every event but postmortems with no SLO chosen, and leaves out those accepted", () => {
    const accepted = [{ id: "x", at: t("14:02").toISOString(), text: "edited", source: { eventId: "b1", kind: "breaker" as const } }];
    expect(draftTimeline(events, { sloIds: [], services: [], accepted }).map((e) => e.source?.eventId)).toEqual(["a1", "b2", "a2", "f1"]);
  });

  it("sorts entries by time and keeps the order of equal times", () => {
    const e = (id: string, at: string) => ({ id, at: t(at).toISOString(), text: id, source: null });
    expect(sortTimeline([e("b", "14:05"), e("a", "14:01"), e("c", "14:05")]).map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("finds the latest alert episode", () => {
    const alerts = [
      event("old", "02:00", "alert", "s", null, { tier: "page 1h/5m", to: "resolved" }),
      event("p", "14:00", "alert", "s", null, { tier: "page 1h/5m", to: "pending" }),
      event("f", "14:01", "alert", "s", null, { tier: "page 1h/5m", to: "firing" }),
      event("r", "14:30", "alert", "s", null, { tier: "page 1h/5m", to: "resolved" }),
    ];
    expect(latestAlertEpisode(alerts)).toEqual({ start: t("14:00"), end: t("14:30") });
    expect(latestAlertEpisode(alerts.slice(0, 3))).toEqual({ start: t("14:00"), end: null });
    expect(latestAlertEpisode([])).toBeNull();
  });
});

describe("markdown export", () => {
  it("formats durations", () => {
    expect([null, -MIN, 45_000, 12 * MIN, 65 * MIN, 50 * 60 * MIN].map(formatDuration)).toEqual(["—", "— (a time is before the start)", "45 s", "12 min", "1 h 05 min", "2 d 2 h"]);
  });

  it("writes every section, the figures, the timeline with sources and the action items", () => {
    const md = postmortemMarkdown({
      title: "Checkout errors", status: "published", severity: "sev2", version: 3, authors: ["Dana"], tags: ["deploy"],
      times: { startedAt: "2026-11-20T14:00:00.000Z", detectedAt: "2026-11-20T14:07:00.000Z", mitigatedAt: null, resolvedAt: "2026-11-20T15:05:00.000Z" },
      durations: { ttdMs: 7 * MIN, ttmMs: null, ttrMs: 65 * MIN },
      budgets: [{ name: "availability", service: "checkout", bad: 145, valid: 10_000, allowed: 1000, consumed: 0.145, error: null }],
      sections: { ...emptySections, summary: "Errors | retries" },
      timeline: [{ id: "1", at: "2026-11-20T14:01:00.000Z", text: "page fired", source: { eventId: "ev1", kind: "alert" } }],
      actionItems: [{ title: "Add a canary", type: "prevent", owner: "Dana", dueDate: "2026-12-18T14:00:00.000Z", status: "open", ticketUrl: "https://t.example/1" }],
      noActionItems: false,
    });
    expect(md).toContain("| 2026-11-20 14:00 UTC | 2026-11-20 14:07 UTC | — | 2026-11-20 15:05 UTC | 7 min | 1 h 05 min |");
    expect(md).toContain("| checkout / availability | 145 | 10000 | 1000 | 14.5 % |");
    expect(md).toContain("## Summary\n\nErrors | retries\n");
    expect(md).toContain("## Impact\n\n_Not written._");
    expect(md).toContain("- **2026-11-20 14:01 UTC** page fired _(recorded alert event ev1)_");
    expect(md).toContain("| Add a canary | prevent | Dana | 2026-12-18 | open | <https://t.example/1> |");
  });
});

describe("rootCauseList", () => {
  it.each([
    ["- Reindex ran at **peak**\n- No rate limit on reindex\n  during business hours\n\nSome closing words.", ["Reindex ran at peak", "No rate limit on reindex during business hours"]],
    ["1. One\n2) Two\n* Three", ["One", "Two", "Three"]],
    ["The cache expired at once.\n\nNobody owned the `TTL` setting.", ["The cache expired at once.", "Nobody owned the TTL setting."]],
    ["- Same\n- Same", ["Same"]],
    ["", []],
    ["   \n\n  ", []],
  ])("%j", (markdown, expected) => expect(rootCauseList(markdown)).toEqual(expected));
});
