import "server-only";
import { HOUR_MS } from "@/lib/domain/slo-math";
import { budgetFraction, budgetShares, type Interval } from "@/lib/domain/slo-math";
import { incidentDurations, incidentEnd } from "@/lib/domain/postmortem";
import { draftTimeline, latestAlertEpisode, TIMELINE_KINDS, type TimelineEntry } from "@/lib/domain/postmortem-timeline";
import { windowBounds } from "@/lib/domain/window-bounds";
import type { PostmortemDocument } from "@/lib/schemas/postmortem";
import type { FrozenFigures } from "@/lib/schemas/postmortem-figures";
import type { SloDefinition } from "@/lib/schemas/slo";
import type { WindowCounts } from "../datasources/embedded";
import { AppError } from "../errors";
import { listEvents } from "../repos/events";
import { findSlo, listSlos } from "../repos/slos";
import { countsOutsideExclusions } from "./slo-exclusions";
import { sourceFor, windowSpec } from "./slo-status";

/** Every SLO named, in order; an unknown id is a field error on that position of `sloIds`. */
export async function resolveSlos(ids: string[], path = "sloIds"): Promise<SloDefinition[]> {
  const found = await Promise.all(ids.map((id) => findSlo(id)));
  const issues = found.flatMap((slo, i) => (slo ? [] : [{ path: [path, i], message: `no SLO with id "${ids[i]}"` }]));
  if (issues.length > 0) throw new AppError("UNPROCESSABLE", "unknown SLO", { issues });
  return found as SloDefinition[];
}

// Scrape skew can leave more good than valid events; the SLO engine cuts the excess, and so here.
const withBad = (c: WindowCounts) => {
  const good = Math.max(0, Math.min(c.good, c.valid));
  return { good, valid: c.valid, bad: c.valid - good };
};

/**
 * The error budget one SLO spent in the incident window: bad(window) as a fraction of the budget
 * of the SLO's period that ends with the window, allowed = (1 − T) × valid(period), both counted
 * by the SLO's own data source (slo-math.md "Error budget").
 */
export async function budgetSpent(slo: SloDefinition, window: Interval) {
  const base = { slo: { id: slo.id, name: slo.name, service: slo.service, objective: slo.objective }, start: window.start.toISOString(), end: window.end.toISOString() };
  try {
    const source = await sourceFor(slo, window.end);
    const period = windowBounds(windowSpec(slo.window), window.end);
    // Exclusions (maintenance, adjustments) count as they do for the SLO itself; timeslice sources apply their own.
    const exclusions = slo.sli.kind === "timeslice" ? [] : slo.exclusions;
    const [inWindow, inPeriod] = (await Promise.all([countsOutsideExclusions(source, window, exclusions), countsOutsideExclusions(source, period, exclusions)])).map(withBad) as [ReturnType<typeof withBad>, ReturnType<typeof withBad>];
    const shares = budgetShares({ bad: inWindow.bad, capacity: inPeriod.valid, budget: budgetFraction(slo.objective) });
    return {
      ...base,
      window: inWindow,
      period: { start: period.start.toISOString(), end: period.end.toISOString(), ...inPeriod, allowed: shares.allowed },
      /** Fraction of the period's budget the window's bad events spent: 0.145 is 14.5 %. */
      consumed: inPeriod.valid === 0 ? 0 : shares.consumed,
      sli: inWindow.valid === 0 ? null : inWindow.good / inWindow.valid,
      error: null as string | null,
    };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "UNAVAILABLE")) throw error;
    return { ...base, window: null, period: null, consumed: null, sli: null, error: error.message };
  }
}
export type BudgetSpent = Awaited<ReturnType<typeof budgetSpent>>;

export async function budgetsInWindow(sloIds: string[], window: Interval): Promise<BudgetSpent[]> {
  const slos = await resolveSlos(sloIds, "slo");
  return Promise.all(slos.map((slo) => budgetSpent(slo, window)));
}

const date = (s: string | null) => (s ? new Date(s) : null);

/**
 * A postmortem's figures computed now: the incident window (an open incident's ends now), the
 * budget each of its SLOs spent in it, and its durations. SLOs deleted since are skipped.
 */
export async function incidentFigures(doc: PostmortemDocument, now: Date): Promise<FrozenFigures> {
  const times = { startedAt: new Date(doc.startedAt), detectedAt: date(doc.detectedAt), mitigatedAt: date(doc.mitigatedAt), resolvedAt: date(doc.resolvedAt) };
  const window = { start: times.startedAt, end: incidentEnd(times, now) };
  const live = await resolveSlos(doc.sloIds).catch(() => null);
  const budgets = window.end > window.start && live ? await Promise.all(live.map((slo) => budgetSpent(slo, window))) : [];
  return { window: { start: window.start.toISOString(), end: window.end.toISOString() }, durations: incidentDurations(times), budgets };
}

/** The draft timeline offered for a window: what lib/server/repos/events.ts recorded in it. */
export async function timelineSuggestions(options: { sloIds: string[]; window: Interval; accepted?: TimelineEntry[] }): Promise<TimelineEntry[]> {
  const slos = await resolveSlos(options.sloIds, "slo");
  const events = await listEvents({ from: options.window.start, to: options.window.end, kinds: TIMELINE_KINDS, limit: 500 });
  return draftTimeline(events, { sloIds: slos.map((s) => s.id), services: [...new Set(slos.map((s) => s.service))], accepted: options.accepted ?? [] });
}

/**
 * The window a postmortem started from an SLO's alert is given: the SLO's latest alert episode in
 * the last `lookbackMs`, a little before its first transition (alerts fire after the burn began).
 */
export async function alertWindow(sloId: string, now: Date, lookbackMs = 14 * 24 * HOUR_MS): Promise<{ start: Date; end: Date | null } | null> {
  const events = await listEvents({ from: new Date(now.getTime() - lookbackMs), to: now, kinds: ["alert"], subjects: [sloId], limit: 5000 });
  const episode = latestAlertEpisode(events);
  return episode && { start: new Date(episode.start.getTime() - 10 * 60_000), end: episode.end };
}

/** The SLOs a postmortem can name, for the editor's choice. */
export async function sloOptions(): Promise<{ id: string; name: string; service: string }[]> {
  return (await listSlos()).map((s) => ({ id: s.id, name: s.name, service: s.service }));
}
