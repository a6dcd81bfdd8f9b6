/**
 * FMEA scoring: RPN, Action Priority (AIAG & VDA FMEA Handbook, 1st edition 2019) and the
 * rating scales adapted to software services. Pure.
 *
 * Source of the AP table: AIAG & VDA FMEA Handbook (2019), "Action Priority (AP) for DFMEA and
 * PFMEA" (the DFMEA and PFMEA copies are the same table; FMEA-MSR has its own, not used here).
 * Its bands: severity 9–10, 7–8, 4–6, 2–3, 1; occurrence 8–10, 6–7, 4–5, 2–3, 1; detection
 * 7–10, 5–6, 2–4, 1. The handbook itself is not open here; the grid below was written out from
 * it and cross-checked against a public transcription that states it was diffed cell by cell
 * against both copies in the handbook (found with the library search; see README "FMEA").
 * Several popular summaries on the web disagree with it (e.g. "S ≥ 9 is always High"); the
 * handbook does not say that: S 9–10 with O 1 is Low.
 */

export const RATINGS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type Rating = (typeof RATINGS)[number];
export type ActionPriority = "high" | "medium" | "low";
export const ACTION_PRIORITIES: readonly ActionPriority[] = ["high", "medium", "low"];

export type Ratings = { severity: number; occurrence: number; detection: number };

export function isRating(value: unknown): value is Rating {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 10;
}

function assertRatings({ severity, occurrence, detection }: Ratings): void {
  for (const [name, value] of [["severity", severity], ["occurrence", occurrence], ["detection", detection]] as const) {
    if (!isRating(value)) throw new RangeError(`${name} must be an integer from 1 to 10, got ${value}`);
  }
}

/** Risk priority number S × O × D, 1–1000. Kept for teams used to it; AP is what sorts first. */
export function riskPriorityNumber(r: Ratings): number {
  assertRatings(r);
  return r.severity * r.occurrence * r.detection;
}

/** Band index of a rating: the first band whose lower bound it reaches (bands listed high → low). */
function band(value: number, lowerBounds: readonly number[]): number {
  return lowerBounds.findIndex((lower) => value >= lower);
}
const SEVERITY_BANDS = [9, 7, 4, 2, 1] as const;
const OCCURRENCE_BANDS = [8, 6, 4, 2, 1] as const;
const DETECTION_BANDS = [7, 5, 2, 1] as const;

/**
 * The handbook's table, once, as data: [severity band][occurrence band] is a string of one letter
 * per detection band (D 7–10, 5–6, 2–4, 1). Every other use of AP goes through actionPriority.
 */
const AP_TABLE: readonly (readonly string[])[] = [
  /* S 9–10 */ ["HHHH", "HHHH", "HHHM", "HMLL", "LLLL"],
  /* S 7–8  */ ["HHHH", "HHHM", "HMMM", "MMLL", "LLLL"],
  /* S 4–6  */ ["HHMM", "MMML", "MLLL", "LLLL", "LLLL"],
  /* S 2–3  */ ["MMLL", "LLLL", "LLLL", "LLLL", "LLLL"],
  /* S 1    */ ["LLLL", "LLLL", "LLLL", "LLLL", "LLLL"],
];
const LETTER: Record<string, ActionPriority> = { H: "high", M: "medium", L: "low" };

export function actionPriority(r: Ratings): ActionPriority {
  assertRatings(r);
  const row = AP_TABLE[band(r.severity, SEVERITY_BANDS)]![band(r.occurrence, OCCURRENCE_BANDS)]!;
  return LETTER[row[band(r.detection, DETECTION_BANDS)]!]!;
}

export type Score = { rpn: number; ap: ActionPriority };
export function score(r: Ratings): Score {
  return { rpn: riskPriorityNumber(r), ap: actionPriority(r) };
}

const AP_RANK: Record<ActionPriority, number> = { high: 0, medium: 1, low: 2 };

/** Worksheet order: AP high first, then RPN descending, then severity descending. */
export function compareRisk(a: Ratings, b: Ratings): number {
  const sa = score(a);
  const sb = score(b);
  return AP_RANK[sa.ap] - AP_RANK[sb.ap] || sb.rpn - sa.rpn || b.severity - a.severity;
}

/** Revised ratings count only when all three are given (the handbook re-rates after the action). */
export function revisedRatings(r: { revisedSeverity: number | null; revisedOccurrence: number | null; revisedDetection: number | null }): Ratings | null {
  if (r.revisedSeverity === null || r.revisedOccurrence === null || r.revisedDetection === null) return null;
  return { severity: r.revisedSeverity, occurrence: r.revisedOccurrence, detection: r.revisedDetection };
}

export type ScaleEntry = { rating: Rating; meaning: string };

/** Severity of the effect on users and the business, adapted to software services. */
export const SEVERITY_SCALE: readonly ScaleEntry[] = [
  { rating: 10, meaning: "Security breach or loss of data users cannot get back" },
  { rating: 9, meaning: "Data loss or corruption, recoverable only by hand; regulatory breach" },
  { rating: 8, meaning: "Core function down for all users (cannot pay, cannot sign in)" },
  { rating: 7, meaning: "Core function down for many users, or wrong results shown" },
  { rating: 6, meaning: "Core function degraded (slow, errors on retry) for many users" },
  { rating: 5, meaning: "Secondary function down (search, notifications) for many users" },
  { rating: 4, meaning: "Secondary function degraded, or core function for a few users" },
  { rating: 3, meaning: "Minor inconvenience users notice; a workaround is obvious" },
  { rating: 2, meaning: "Internal only: on-call toil, noisy logs, no user effect" },
  { rating: 1, meaning: "No noticeable effect" },
];

/**
 * Occurrence of the cause with today's prevention controls, as a frequency, so the app can
 * compare it with what happened: maxPer90Days is the most occurrences in 90 days the rating
 * allows before the evidence disagrees with it (fmea-evidence.ts).
 */
export const OCCURRENCE_SCALE: readonly (ScaleEntry & { maxPer90Days: number })[] = [
  { rating: 10, meaning: "Daily or more often", maxPer90Days: Infinity },
  { rating: 9, meaning: "Several times a week", maxPer90Days: 45 },
  { rating: 8, meaning: "About weekly", maxPer90Days: 13 },
  { rating: 7, meaning: "Several times a month", maxPer90Days: 6 },
  { rating: 6, meaning: "About monthly", maxPer90Days: 3 },
  { rating: 5, meaning: "About once a quarter", maxPer90Days: 2 },
  { rating: 4, meaning: "A few times a year", maxPer90Days: 1 },
  { rating: 3, meaning: "About once a year", maxPer90Days: 1 },
  { rating: 2, meaning: "Less than once a year; prevention is proven", maxPer90Days: 1 },
  { rating: 1, meaning: "Prevented by design (cannot happen as built)", maxPer90Days: 0 },
];

/** Detection by current controls before users are affected (1 = best, 10 = nothing detects it). */
export const DETECTION_SCALE: readonly ScaleEntry[] = [
  { rating: 10, meaning: "Nothing detects it; users or support tell us" },
  { rating: 9, meaning: "Found only by chance or in a later audit" },
  { rating: 8, meaning: "Found by a person looking at a dashboard" },
  { rating: 7, meaning: "A slow alert (ticket) fires after users are affected" },
  { rating: 6, meaning: "A page fires after users are affected" },
  { rating: 5, meaning: "A page fires as users start to be affected" },
  { rating: 4, meaning: "An alert fires before the error budget burns" },
  { rating: 3, meaning: "A canary or synthetic check catches it before most users see it" },
  { rating: 2, meaning: "An automated control (breaker, failover) contains it before users see it" },
  { rating: 1, meaning: "An automated control stops the failure before users see it (tests, type checks, admission)" },
];

export function scaleMeaning(scale: readonly ScaleEntry[], rating: number): string | null {
  return scale.find((e) => e.rating === rating)?.meaning ?? null;
}
