import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, localDayStart, timeZoneOffsetMs, windowBounds, type CalendarUnit } from "@/lib/domain";

// Expected instants are worked out by hand from the zone's rules: Berlin is UTC+1 (CET) and +2
// from the last Sunday of March to the last Sunday of October; New York is UTC−5 and −4 from
// the second Sunday of March to the first Sunday of November.

const calendar = (unit: CalendarUnit, timeZone: string, now: string) =>
  windowBounds({ kind: "calendar", unit, timeZone }, new Date(now));

describe("windowBounds: rolling", () => {
  it("is [now − P, now)", () => {
    const now = new Date("2026-03-31T12:34:56.789Z");
    const bounds = windowBounds({ kind: "rolling", durationMs: 28 * DAY_MS }, now);
    expect(bounds).toEqual({
      spec: { kind: "rolling", durationMs: 28 * DAY_MS },
      start: new Date("2026-03-03T12:34:56.789Z"),
      end: now,
      periodEnd: now,
      periodMs: 28 * DAY_MS,
    });
  });

  it.each([0, -1, Number.NaN])("rejects duration %s", (durationMs) => {
    expect(() => windowBounds({ kind: "rolling", durationMs }, new Date())).toThrow(RangeError);
  });

  it("rejects an invalid now", () => {
    expect(() => windowBounds({ kind: "rolling", durationMs: DAY_MS }, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("windowBounds: calendar month", () => {
  it.each([
    { name: "March 2026 in Berlin (clocks forward 29 Mar): 743 h", tz: "Europe/Berlin", now: "2026-03-15T12:00:00Z", start: "2026-02-28T23:00:00Z", end: "2026-03-31T22:00:00Z", hours: 743 },
    { name: "October 2026 in Berlin (clocks back 25 Oct): 745 h", tz: "Europe/Berlin", now: "2026-10-15T12:00:00Z", start: "2026-09-30T22:00:00Z", end: "2026-10-31T23:00:00Z", hours: 745 },
    { name: "March 2026 in New York (clocks forward 8 Mar): 743 h", tz: "America/New_York", now: "2026-03-15T12:00:00Z", start: "2026-03-01T05:00:00Z", end: "2026-04-01T04:00:00Z", hours: 743 },
    { name: "November 2026 in New York (clocks back 1 Nov): 721 h", tz: "America/New_York", now: "2026-11-15T12:00:00Z", start: "2026-11-01T04:00:00Z", end: "2026-12-01T05:00:00Z", hours: 721 },
    { name: "February 2028, a leap year: 696 h", tz: "UTC", now: "2028-02-29T12:00:00Z", start: "2028-02-01T00:00:00Z", end: "2028-03-01T00:00:00Z", hours: 696 },
    { name: "February 2028 in Berlin", tz: "Europe/Berlin", now: "2028-02-10T12:00:00Z", start: "2028-01-31T23:00:00Z", end: "2028-02-29T23:00:00Z", hours: 696 },
    { name: "February 2026: 672 h", tz: "UTC", now: "2026-02-10T00:00:00Z", start: "2026-02-01T00:00:00Z", end: "2026-03-01T00:00:00Z", hours: 672 },
    { name: "January 2027, 31 days: 744 h", tz: "Europe/Berlin", now: "2027-01-20T08:00:00Z", start: "2026-12-31T23:00:00Z", end: "2027-01-31T23:00:00Z", hours: 744 },
    { name: "already March in Berlin while February in UTC", tz: "Europe/Berlin", now: "2026-02-28T23:30:00Z", start: "2026-02-28T23:00:00Z", end: "2026-03-31T22:00:00Z", hours: 743 },
    { name: "still February in New York while March in UTC", tz: "America/New_York", now: "2026-03-01T03:00:00Z", start: "2026-02-01T05:00:00Z", end: "2026-03-01T05:00:00Z", hours: 672 },
    { name: "the last millisecond of March in Berlin", tz: "Europe/Berlin", now: "2026-03-31T21:59:59.999Z", start: "2026-02-28T23:00:00Z", end: "2026-03-31T22:00:00Z", hours: 743 },
    { name: "half-hour zone: Kolkata, April", tz: "Asia/Kolkata", now: "2026-04-10T00:00:00Z", start: "2026-03-31T18:30:00Z", end: "2026-04-30T18:30:00Z", hours: 720 },
    // Cuba turns clocks back from 01:00 to 00:00, so 1 Nov 00:00 happens twice; the month starts at the first.
    { name: "midnight twice: Havana, November 2026", tz: "America/Havana", now: "2026-11-15T12:00:00Z", start: "2026-11-01T04:00:00Z", end: "2026-12-01T05:00:00Z", hours: 721 },
  ])("$name", ({ tz, now, start, end, hours }) => {
    const bounds = calendar("month", tz, now);
    expect(bounds.start).toEqual(new Date(start));
    expect(bounds.end).toEqual(new Date(now));
    expect(bounds.periodEnd).toEqual(new Date(end));
    expect(bounds.periodMs).toBe(hours * HOUR_MS);
  });

  it("at the first instant of a month the window is empty and the new period begins", () => {
    const bounds = calendar("month", "Europe/Berlin", "2026-03-31T22:00:00Z");
    expect(bounds.start).toEqual(new Date("2026-03-31T22:00:00Z"));
    expect(bounds.end).toEqual(bounds.start);
    expect(bounds.periodMs).toBe(720 * HOUR_MS); // April
  });
});

describe("windowBounds: calendar quarter", () => {
  it.each([
    { name: "Q1 2026 in Berlin: 90 days − 1 h", tz: "Europe/Berlin", now: "2026-03-15T12:00:00Z", start: "2025-12-31T23:00:00Z", end: "2026-03-31T22:00:00Z", hours: 2159 },
    { name: "Q4 2026 in New York: 92 days + 1 h", tz: "America/New_York", now: "2026-11-20T12:00:00Z", start: "2026-10-01T04:00:00Z", end: "2027-01-01T05:00:00Z", hours: 2209 },
    { name: "Q1 2028, leap year: 91 days", tz: "UTC", now: "2028-02-10T00:00:00Z", start: "2028-01-01T00:00:00Z", end: "2028-04-01T00:00:00Z", hours: 2184 },
    { name: "Q2 2026 from its first day", tz: "UTC", now: "2026-04-01T00:00:00Z", start: "2026-04-01T00:00:00Z", end: "2026-07-01T00:00:00Z", hours: 2184 },
    { name: "Q3 2026 on its last day", tz: "UTC", now: "2026-09-30T23:59:59Z", start: "2026-07-01T00:00:00Z", end: "2026-10-01T00:00:00Z", hours: 2208 },
  ])("$name", ({ tz, now, start, end, hours }) => {
    const bounds = calendar("quarter", tz, now);
    expect(bounds.start).toEqual(new Date(start));
    expect(bounds.periodEnd).toEqual(new Date(end));
    expect(bounds.periodMs).toBe(hours * HOUR_MS);
  });

  it.each([
    [1, 1], [2, 1], [3, 1], [4, 4], [5, 4], [6, 4], [7, 7], [8, 7], [9, 7], [10, 10], [11, 10], [12, 10],
  ])("month %i belongs to the quarter starting in month %i", (month, firstMonth) => {
    const now = `2026-${String(month).padStart(2, "0")}-15T00:00:00Z`;
    expect(calendar("quarter", "UTC", now).start).toEqual(new Date(Date.UTC(2026, firstMonth - 1, 1)));
  });
});

describe("windowBounds: ISO week (starts Monday)", () => {
  it.each([
    { name: "Sunday of the Berlin DST change: 167 h", tz: "Europe/Berlin", now: "2026-03-29T12:00:00Z", start: "2026-03-22T23:00:00Z", end: "2026-03-29T22:00:00Z", hours: 167 },
    { name: "week of the New York fall back: 169 h", tz: "America/New_York", now: "2026-10-28T12:00:00Z", start: "2026-10-26T04:00:00Z", end: "2026-11-02T05:00:00Z", hours: 169 },
    { name: "across the new year (Friday 1 Jan 2027)", tz: "UTC", now: "2027-01-01T12:00:00Z", start: "2026-12-28T00:00:00Z", end: "2027-01-04T00:00:00Z", hours: 168 },
    { name: "Monday 00:00 local starts a new week", tz: "Europe/Berlin", now: "2026-03-29T22:00:00Z", start: "2026-03-29T22:00:00Z", end: "2026-04-05T22:00:00Z", hours: 168 },
    { name: "Sunday 23:30 local is still the old week", tz: "America/New_York", now: "2026-03-16T03:30:00Z", start: "2026-03-09T04:00:00Z", end: "2026-03-16T04:00:00Z", hours: 168 },
    { name: "week across 29 Feb 2028", tz: "UTC", now: "2028-03-01T00:00:00Z", start: "2028-02-28T00:00:00Z", end: "2028-03-06T00:00:00Z", hours: 168 },
  ])("$name", ({ tz, now, start, end, hours }) => {
    const bounds = calendar("week", tz, now);
    expect(bounds.start).toEqual(new Date(start));
    expect(bounds.periodEnd).toEqual(new Date(end));
    expect(bounds.periodMs).toBe(hours * HOUR_MS);
  });

  it("rejects an unknown time zone", () => {
    expect(() => calendar("week", "Mars/Olympus_Mons", "2026-03-15T12:00:00Z")).toThrow(RangeError);
  });
});

describe("localDayStart", () => {
  it.each([
    { name: "Berlin on the day clocks go forward (at 02:00, not midnight)", day: { year: 2026, month: 3, day: 29 }, tz: "Europe/Berlin", start: "2026-03-28T23:00:00Z" },
    // Chile jumps from 00:00 to 01:00 on 8 Sep 2024, so that day has no midnight: it begins at 01:00 −03.
    { name: "Santiago when midnight is skipped", day: { year: 2024, month: 9, day: 8 }, tz: "America/Santiago", start: "2024-09-08T04:00:00Z" },
    { name: "Santiago the day after clocks went back from 00:00 to 23:00", day: { year: 2024, month: 4, day: 7 }, tz: "America/Santiago", start: "2024-04-07T04:00:00Z" },
  ])("$name", ({ day, tz, start }) => {
    expect(localDayStart(day, tz)).toBe(new Date(start).getTime());
  });
});

describe("timeZoneOffsetMs", () => {
  it.each([
    { tz: "Europe/Berlin", at: "2026-01-15T12:00:00Z", hours: 1 },
    { tz: "Europe/Berlin", at: "2026-07-15T12:00:00Z", hours: 2 },
    { tz: "Europe/Berlin", at: "2026-03-29T00:59:59Z", hours: 1 }, // the second before the change
    { tz: "Europe/Berlin", at: "2026-03-29T01:00:00Z", hours: 2 },
    { tz: "America/New_York", at: "2026-01-15T12:00:00Z", hours: -5 },
    { tz: "America/New_York", at: "2026-07-15T12:00:00Z", hours: -4 },
    { tz: "Asia/Kolkata", at: "2026-01-15T12:00:00Z", hours: 5.5 },
    { tz: "Asia/Kathmandu", at: "2026-01-15T12:00:00Z", hours: 5.75 },
    { tz: "UTC", at: "2026-01-15T12:00:00.999Z", hours: 0 },
  ])("$tz at $at is UTC$hours h", ({ tz, at, hours }) => {
    expect(timeZoneOffsetMs(tz, new Date(at).getTime())).toBe(hours * HOUR_MS);
  });
});
