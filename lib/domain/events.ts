/**
 * Events: things that happened, recorded by the feature that saw them and read by the features
 * that tell the story (postmortem timelines, FMEA evidence, notifications).
 *
 * Subjects, by kind (so other features can link to them):
 * - alert: the SLO id; detail { tier, severity, from, to, factor, long, short }
 * - breaker: the breaker key `service/dependency/name`; detail { from, to, ... }
 * - replication, failover: the cluster id; detail { member, from, to, ... }
 * - postmortem: the postmortem id, at the incident's start; detail { status, severity, ... }
 */
export const EVENT_KINDS = ["alert", "breaker", "replication", "failover", "postmortem"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type EventRecord = {
  id: string;
  /** ISO 8601 UTC: when it happened (not when it was recorded). */
  at: string;
  kind: EventKind;
  /** What it is about, unique within its kind: an SLO id, a breaker key, a cluster id. */
  subject: string;
  /** The owning service's slug, when there is one. */
  service: string | null;
  title: string;
  detail: Record<string, unknown>;
};

/** Title of an alert tier transition, e.g. "checkout / availability: page 1h firing". */
export function alertEventTitle(service: string, sloName: string, tier: string, to: string): string {
  return `${service} / ${sloName}: ${tier} ${to}`;
}
