/**
 * Live evidence for a failure mode: what the events say happened, set beside the team's ratings.
 * Pure: events and `now` come in; nothing here changes a rating, it only flags disagreement.
 *
 * Definitions (README "FMEA" repeats them):
 * - An occurrence signal is a linked postmortem, a linked breaker opening (detail.to "open") or a
 *   linked cluster's failover. Signals less than EPISODE_GAP apart are one occurrence (an
 *   incident usually opens a breaker and gets a postmortem; it happened once, not twice).
 * - Around each occurrence (LOOKAROUND either side) the budget burn is the earliest of: the
 *   incident start of a linked postmortem, and a page-severity alert of a linked SLO going to
 *   firing; without either, the first firing of any tier of a linked SLO; without that, the SLO
 *   never burned ("no burn").
 * - It was detected before the burn when any detection signal came strictly earlier: a linked
 *   alert going pending or firing, any transition of a linked breaker, any replication or
 *   failover event of a linked cluster.
 */
import type { EventRecord } from "./events";
import { OCCURRENCE_SCALE, type Rating, type Ratings } from "./fmea";
import { DAY_MS, HOUR_MS } from "./slo-math";

export const LINK_KINDS = ["slo", "breaker", "cluster", "postmortem"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export type FmeaLinkRef = { kind: LinkKind; ref: string };

export const EVIDENCE_WINDOW_DAYS = 90;
export const EPISODE_GAP_MS = HOUR_MS;
export const LOOKAROUND_MS = HOUR_MS;

/** Which event kinds speak for a link kind (lib/domain/events.ts says what each subject is). */
const EVENT_KINDS_OF: Record<LinkKind, readonly EventRecord["kind"][]> = {
  slo: ["alert"],
  breaker: ["breaker"],
  cluster: ["replication", "failover"],
  postmortem: ["postmortem"],
};

/** The events to read for a failure mode: the window plus the look-around before it. */
export function evidenceQuery(links: readonly FmeaLinkRef[], now: Date) {
  const kinds = [...new Set(links.flatMap((l) => EVENT_KINDS_OF[l.kind]))];
  const subjects = [...new Set(links.map((l) => l.ref))];
  return { from: new Date(now.getTime() - EVIDENCE_WINDOW_DAYS * DAY_MS - LOOKAROUND_MS), to: now, kinds, subjects };
}

export type EpisodeDetection = "early" | "late" | "no-burn";
export type Episode = { start: string; end: string; burnAt: string | null; detectedAt: string | null; detection: EpisodeDetection };
export type EvidenceFlag = { rating: "occurrence" | "detection"; message: string };
export type Evidence = {
  windowDays: number;
  occurrences: number;
  postmortems: number;
  breakerOpens: number;
  failovers: number;
  episodes: Episode[];
  early: number;
  late: number;
  noBurn: number;
  /** The lowest occurrence rating the count fits (OCCURRENCE_SCALE maxPer90Days). */
  impliedOccurrence: Rating;
  flags: EvidenceFlag[];
};

export function impliedOccurrence(count: number): Rating {
  const fitting = OCCURRENCE_SCALE.filter((e) => count <= e.maxPer90Days);
  return fitting[fitting.length - 1]!.rating;
}

const detail = (e: EventRecord, key: string) => e.detail[key];
const time = (e: EventRecord) => Date.parse(e.at);

function isOccurrenceSignal(e: EventRecord): boolean {
  return e.kind === "postmortem" || e.kind === "failover" || (e.kind === "breaker" && detail(e, "to") === "open");
}
function isDetectionSignal(e: EventRecord): boolean {
  if (e.kind === "alert") return detail(e, "to") === "pending" || detail(e, "to") === "firing";
  return e.kind === "breaker" || e.kind === "replication" || e.kind === "failover";
}
const isFiring = (e: EventRecord) => e.kind === "alert" && detail(e, "to") === "firing";
const isPage = (e: EventRecord) => detail(e, "severity") === "page" || String(detail(e, "tier") ?? "").startsWith("page");

function minTime(events: readonly EventRecord[]): number | null {
  return events.length === 0 ? null : Math.min(...events.map(time));
}

function assessEpisode(signals: EventRecord[], around: EventRecord[]): Episode {
  const start = time(signals[0]!);
  const end = time(signals[signals.length - 1]!);
  const near = around.filter((e) => time(e) >= start - LOOKAROUND_MS && time(e) <= end + LOOKAROUND_MS);
  const firing = near.filter(isFiring);
  const burnCandidates = [...signals.filter((e) => e.kind === "postmortem"), ...firing.filter(isPage)];
  const burnAt = minTime(burnCandidates) ?? minTime(firing);
  const detectedAt = minTime(near.filter(isDetectionSignal));
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const detection: EpisodeDetection = burnAt === null ? "no-burn" : detectedAt !== null && detectedAt < burnAt ? "early" : "late";
  return { start: iso(start)!, end: iso(end)!, burnAt: iso(burnAt), detectedAt: iso(detectedAt), detection };
}

/** Evidence from the events of the last EVIDENCE_WINDOW_DAYS, judged against the ratings. */
export function assessEvidence(input: { links: readonly FmeaLinkRef[]; events: readonly EventRecord[]; ratings: Ratings; now: Date }): Evidence {
  const wanted = new Set(input.links.flatMap((l) => EVENT_KINDS_OF[l.kind].map((k) => `${k}\u0000${l.ref}`)));
  const relevant = input.events
    .filter((e) => wanted.has(`${e.kind}\u0000${e.subject}`) && time(e) <= input.now.getTime())
    .sort((a, b) => time(a) - time(b));
  const windowStart = input.now.getTime() - EVIDENCE_WINDOW_DAYS * DAY_MS;
  const signals = relevant.filter((e) => isOccurrenceSignal(e) && time(e) >= windowStart);

  const groups: EventRecord[][] = [];
  for (const s of signals) {
    const last = groups[groups.length - 1];
    if (last && time(s) - time(last[last.length - 1]!) < EPISODE_GAP_MS) last.push(s);
    else groups.push([s]);
  }
  const episodes = groups.map((g) => assessEpisode(g, relevant));
  const count = (d: EpisodeDetection) => episodes.filter((e) => e.detection === d).length;
  const evidence: Evidence = {
    windowDays: EVIDENCE_WINDOW_DAYS,
    occurrences: episodes.length,
    postmortems: signals.filter((e) => e.kind === "postmortem").length,
    breakerOpens: signals.filter((e) => e.kind === "breaker").length,
    failovers: signals.filter((e) => e.kind === "failover").length,
    episodes,
    early: count("early"),
    late: count("late"),
    noBurn: count("no-burn"),
    impliedOccurrence: impliedOccurrence(episodes.length),
    flags: [],
  };
  evidence.flags = evidenceFlags(evidence, input.ratings);
  return evidence;
}

/** Where the evidence says the rating is too kind. Ratings stay the team's: this only asks. */
export function evidenceFlags(evidence: Pick<Evidence, "occurrences" | "late" | "impliedOccurrence" | "windowDays">, ratings: Ratings): EvidenceFlag[] {
  const flags: EvidenceFlag[] = [];
  if (evidence.impliedOccurrence > ratings.occurrence) {
    const times = evidence.occurrences === 1 ? "once" : `${evidence.occurrences} times`;
    flags.push({
      rating: "occurrence",
      message: `Rated O=${ratings.occurrence} but happened ${times} in the last ${evidence.windowDays} days (that fits O=${evidence.impliedOccurrence} or more)`,
    });
  }
  // D 1–4 claims the failure is caught before the budget burns (DETECTION_SCALE).
  if (ratings.detection <= 4 && evidence.late > 0) {
    flags.push({
      rating: "detection",
      message: `Rated D=${ratings.detection} but ${evidence.late} of ${evidence.occurrences} occurrences burned the SLO before any alert or breaker fired`,
    });
  }
  return flags;
}
