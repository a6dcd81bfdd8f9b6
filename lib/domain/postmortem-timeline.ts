// The draft timeline a postmortem is offered: what was recorded in the incident window, each
// entry keeping the event it came from, so the author can accept, edit or remove it.

import { HOUR_MS } from "./slo-math";
import type { EventKind, EventRecord } from "./events";

export type TimelineSource = { eventId: string; kind: EventKind };
export type TimelineEntry = { id: string; at: string; text: string; source: TimelineSource | null };

/** The kinds a timeline is drafted from: a postmortem's own event is not part of its story. */
export const TIMELINE_KINDS: EventKind[] = ["alert", "breaker", "replication", "failover"];

/**
 * Events that concern the affected SLOs: their alerts (subject = SLO id), and breaker, replication
 * and failover events of their services. With no SLO chosen, every event of those kinds.
 * Events already in the timeline (by source event id) are left out.
 */
export function draftTimeline(events: EventRecord[], scope: { sloIds: string[]; services: string[]; accepted: TimelineEntry[] }): TimelineEntry[] {
  const taken = new Set(scope.accepted.flatMap((e) => (e.source ? [e.source.eventId] : [])));
  const isScoped = scope.sloIds.length > 0;
  return events
    .filter((e) => TIMELINE_KINDS.includes(e.kind) && !taken.has(e.id))
    .filter((e) => !isScoped || (e.kind === "alert" ? scope.sloIds.includes(e.subject) : e.service === null || scope.services.includes(e.service)))
    .map((e) => ({ id: `event-${e.id}`, at: e.at, text: e.title, source: { eventId: e.id, kind: e.kind } }));
}

/** Timeline entries oldest first; entries at the same time keep their order. */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j).map(([e]) => e);
}

/**
 * The most recent alert episode of an SLO: alert events no more than `gapMs` apart, from the
 * first (a tier going pending) to the last. `end` is null while a tier has not resolved.
 */
export function latestAlertEpisode(events: EventRecord[], gapMs = 2 * HOUR_MS): { start: Date; end: Date | null } | null {
  const alerts = events.filter((e) => e.kind === "alert").sort((a, b) => a.at.localeCompare(b.at));
  if (alerts.length === 0) return null;
  let first = alerts.length - 1;
  while (first > 0 && Date.parse(alerts[first]!.at) - Date.parse(alerts[first - 1]!.at) <= gapMs) first -= 1;
  const episode = alerts.slice(first);
  const open = new Map<string, string>();
  for (const e of episode) open.set(String(e.detail.tier ?? ""), String(e.detail.to ?? ""));
  const isOver = [...open.values()].every((to) => to === "resolved" || to === "inactive");
  const last = episode[episode.length - 1]!;
  return { start: new Date(episode[0]!.at), end: isOver ? new Date(last.at) : null };
}
