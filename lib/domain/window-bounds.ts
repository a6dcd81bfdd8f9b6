// SLO windows (slo-math.md "Terms"): rolling [now − P, now), or a calendar week / month / quarter
// in the time zone the SLO names, from the period start to now. Time-zone offsets come from
// Intl.DateTimeFormat, so the runtime's tz database decides DST; nothing here reads the clock.

import { DAY_MS, type Interval } from "./slo-math";

export type CalendarUnit = "week" | "month" | "quarter";

export type WindowSpec =
  | { kind: "rolling"; durationMs: number }
  | { kind: "calendar"; unit: CalendarUnit; timeZone: string };

/**
 * [start, end) is what is evaluated (end = now). periodMs is P, the length the budget is spread
 * over: the rolling duration, or the whole calendar period (743 h for March 2026 in Berlin) so
 * that burn rate 1 still means "the budget lasts exactly the period".
 */
export type WindowBounds = Interval & { spec: WindowSpec; periodEnd: Date; periodMs: number };

/** A date on the wall calendar; month is 1–12. */
export type LocalDate = { year: number; month: number; day: number };

export function windowBounds(spec: WindowSpec, now: Date): WindowBounds {
  const t = now.getTime();
  if (!Number.isFinite(t)) throw new RangeError("now is an invalid Date");
  if (spec.kind === "rolling") {
    if (!Number.isFinite(spec.durationMs) || spec.durationMs <= 0) {
      throw new RangeError(`a rolling window needs a positive duration, got ${spec.durationMs}`);
    }
    return { spec, start: new Date(t - spec.durationMs), end: new Date(t), periodEnd: new Date(t), periodMs: spec.durationMs };
  }
  const today = localDateTime(t, spec.timeZone);
  const [first, next] = calendarPeriod(today, spec.unit);
  const start = localDayStart(first, spec.timeZone);
  const periodEnd = localDayStart(next, spec.timeZone);
  return { spec, start: new Date(start), end: new Date(t), periodEnd: new Date(periodEnd), periodMs: periodEnd - start };
}

/** The first and the next period's first day containing `day` (ISO weeks start on Monday). */
function calendarPeriod(day: LocalDate, unit: CalendarUnit): [LocalDate, LocalDate] {
  const { year, month } = day;
  if (unit === "week") {
    const sinceMonday = (new Date(Date.UTC(year, month - 1, day.day)).getUTCDay() + 6) % 7;
    return [addDays(day, -sinceMonday), addDays(day, 7 - sinceMonday)];
  }
  const firstMonth = unit === "month" ? month : month - ((month - 1) % 3);
  const length = unit === "month" ? 1 : 3;
  return [civilDate(Date.UTC(year, firstMonth - 1, 1)), civilDate(Date.UTC(year, firstMonth - 1 + length, 1))];
}

function addDays(day: LocalDate, days: number): LocalDate {
  return civilDate(Date.UTC(day.year, day.month - 1, day.day + days));
}

// Date.UTC is used as plain calendar arithmetic here (it normalises day 0, month 13 and so on).
function civilDate(utcMidnight: number): LocalDate {
  const d = new Date(utcMidnight);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The first instant of a local day. Usually local midnight; where a DST change skips midnight
 * (America/Santiago jumps 00:00 → 01:00) the day begins at the jump; where midnight happens
 * twice, at the earlier one.
 */
export function localDayStart(day: LocalDate, timeZone: string): number {
  const wallMidnight = Date.UTC(day.year, day.month - 1, day.day);
  // At most one offset change lies within a day of midnight, so the offsets a day either side
  // are the only two candidates.
  const offsets = [timeZoneOffsetMs(timeZone, wallMidnight - DAY_MS), timeZoneOffsetMs(timeZone, wallMidnight + DAY_MS)];
  const exact = offsets
    .map((offset) => wallMidnight - offset)
    .filter((t) => {
      const local = localDateTime(t, timeZone);
      return sameDay(local, day) && local.hour === 0 && local.minute === 0 && local.second === 0;
    });
  if (exact.length > 0) return Math.min(...exact);
  // Midnight was skipped: find the transition, the first second whose local date is `day`.
  let before = wallMidnight - Math.max(...offsets);
  let after = wallMidnight - Math.min(...offsets);
  while (after - before > 1_000) {
    const mid = before + Math.floor((after - before) / 2_000) * 1_000;
    const local = localDateTime(mid, timeZone);
    if (Date.UTC(local.year, local.month - 1, local.day) >= wallMidnight) after = mid;
    else before = mid;
  }
  return after;
}

/** Local time minus UTC at instant t, in ms (Berlin in summer: +7 200 000). Whole seconds. */
export function timeZoneOffsetMs(timeZone: string, t: number): number {
  const whole = Math.floor(t / 1_000) * 1_000;
  const local = localDateTime(whole, timeZone);
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - whole;
}

type LocalDateTime = LocalDate & { hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a formatter is far slower than using one, and windows are computed every minute.
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localDateTime(t: number, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(t)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

function sameDay(a: LocalDate, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
