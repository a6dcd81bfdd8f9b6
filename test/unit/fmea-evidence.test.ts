import { describe, expect, it } from "vitest";
import type { EventRecord } from "@/lib/domain/events";
import { assessEvidence, evidenceQuery, impliedOccurrence, type FmeaLinkRef } from "@/lib/domain/fmea-evidence";

const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;
let n = 0;
function ev(kind: EventRecord["kind"], subject: string, at: number, detail: Record<string, unknown> = {}): EventRecord {
  return { id: `e${n++}`, at: new Date(at).toISOString(), kind, subject, service: "checkout", title: kind, detail };
}
const day = (d: number, minutes = 0) => NOW.getTime() - d * DAY + minutes * MIN;
const LINKS: FmeaLinkRef[] = [
  { kind: "slo", ref: "slo-1" },
  { kind: "breaker", ref: "checkout/payments/charge" },
  { kind: "postmortem", ref: "pm-1" },
  { kind: "postmortem", ref: "pm-2" },
  { kind: "cluster", ref: "orders-db" },
];
const ratings = (severity: number, occurrence: number, detection: number) => ({ severity, occurrence, detection });

describe("implied occurrence", () => {
  it.each([[0, 1], [1, 2], [2, 5], [3, 6], [4, 7], [6, 7], [7, 8], [13, 8], [14, 9], [45, 9], [46, 10]])("%i in 90 days fits O=%i", (count, o) => {
    expect(impliedOccurrence(count)).toBe(o);
  });
});

describe("evidence", () => {
  it("asks for the linked subjects over 90 days and the look-around before", () => {
    const q = evidenceQuery(LINKS, NOW);
    expect(q.to).toEqual(NOW);
    expect(q.from.toISOString()).toBe("2026-08-22T11:00:00.000Z");
    expect(q.kinds.sort()).toEqual(["alert", "breaker", "failover", "postmortem", "replication"]);
    expect(q.subjects).toHaveLength(5);
  });

  it("with no events: nothing happened, nothing flagged", () => {
    const e = assessEvidence({ links: LINKS, events: [], ratings: ratings(8, 1, 1), now: NOW });
    expect(e).toMatchObject({ occurrences: 0, early: 0, late: 0, noBurn: 0, impliedOccurrence: 1, flags: [] });
  });

  it("one incident that opened a breaker and got a postmortem counts once; the breaker opened before the burn", () => {
    const events = [
      ev("breaker", "checkout/payments/charge", day(10, 0), { from: "closed", to: "open" }),
      ev("postmortem", "pm-1", day(10, 5)),
      ev("alert", "slo-1", day(10, 8), { severity: "page", tier: "page 1h/5m", to: "firing" }),
      ev("breaker", "checkout/payments/charge", day(10, 20), { from: "open", to: "half_open" }),
    ];
    const e = assessEvidence({ links: LINKS, events, ratings: ratings(8, 4, 3), now: NOW });
    expect(e).toMatchObject({ occurrences: 1, postmortems: 1, breakerOpens: 1, early: 1, late: 0 });
    expect(e.episodes[0]).toEqual({ start: new Date(day(10, 0)).toISOString(), end: new Date(day(10, 5)).toISOString(), burnAt: new Date(day(10, 5)).toISOString(), detectedAt: new Date(day(10, 0)).toISOString(), detection: "early" });
    expect(e.flags).toEqual([]);
  });

  it("a postmortem whose first alert came after the incident start was late; a ticket alert before a page is early", () => {
    const events = [
      ev("postmortem", "pm-1", day(30)),
      ev("alert", "slo-1", day(30, 12), { severity: "page", to: "firing" }),
      // A breaker opening on its own, with a ticket alert firing 30 min before the page fires.
      ev("alert", "slo-1", day(5, -30), { severity: "ticket", to: "firing" }),
      ev("breaker", "checkout/payments/charge", day(5), { to: "open" }),
      ev("alert", "slo-1", day(5, 10), { severity: "page", to: "firing" }),
    ];
    const e = assessEvidence({ links: LINKS, events, ratings: ratings(8, 6, 3), now: NOW });
    expect(e.episodes.map((x) => [x.detection, x.burnAt])).toEqual([
      ["late", new Date(day(30)).toISOString()],
      ["early", new Date(day(5, 10)).toISOString()],
    ]);
    expect(e.flags).toEqual([{ rating: "detection", message: "Rated D=3 but 1 of 2 occurrences burned the SLO before any alert or breaker fired" }]);
  });

  it("a breaker that opened and no SLO burned is 'no burn'; signals an hour apart are separate", () => {
    const events = [
      ev("breaker", "checkout/payments/charge", day(2, 0), { to: "open" }),
      ev("breaker", "checkout/payments/charge", day(2, 59), { to: "open" }),
      ev("breaker", "checkout/payments/charge", day(2, 120), { to: "open" }),
    ];
    const e = assessEvidence({ links: LINKS, events, ratings: ratings(5, 6, 2), now: NOW });
    expect(e).toMatchObject({ occurrences: 2, breakerOpens: 3, noBurn: 2, flags: [] });
  });

  it("flags O=2 when it happened five times this quarter; ignores unlinked, old and future events", () => {
    const events = [1, 15, 30, 45, 60].map((d) => ev("postmortem", "pm-2", day(d)));
    events.push(ev("postmortem", "pm-other", day(3)), ev("breaker", "other/x/y", day(4), { to: "open" }), ev("postmortem", "pm-1", day(91)), ev("postmortem", "pm-1", NOW.getTime() + MIN));
    events.push(ev("failover", "orders-db", day(70)));
    const e = assessEvidence({ links: LINKS, events, ratings: ratings(9, 2, 6), now: NOW });
    expect(e).toMatchObject({ occurrences: 6, postmortems: 5, failovers: 1, impliedOccurrence: 7 });
    expect(e.flags).toEqual([{ rating: "occurrence", message: "Rated O=2 but happened 6 times in the last 90 days (that fits O=7 or more)" }]);
  });

  it("a failure rated 'prevented by design' that happened once is flagged", () => {
    const e = assessEvidence({ links: LINKS, events: [ev("failover", "orders-db", day(1))], ratings: ratings(9, 1, 1), now: NOW });
    expect(e.flags.map((f) => f.rating)).toEqual(["occurrence"]);
    expect(e.flags[0]!.message).toContain("happened once");
  });
});
