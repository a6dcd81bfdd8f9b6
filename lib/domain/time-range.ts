/**
 * The time range every page shows, kept in the URL as Grafana does: `?range=24h` for a preset
 * ending now, or `?range=custom&from=…&to=…` (ISO 8601) for a fixed one; `?refresh=30s` for
 * auto-refresh. Pure: `now` is a parameter.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./slo-math";

export const RANGE_PRESETS = {
  "1h": HOUR_MS,
  "6h": 6 * HOUR_MS,
  "24h": DAY_MS,
  "7d": 7 * DAY_MS,
  "30d": 30 * DAY_MS,
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const RANGE_PRESET_NAMES = Object.keys(RANGE_PRESETS) as RangePreset[];

export const REFRESH_INTERVALS = { off: 0, "10s": 10_000, "30s": 30_000, "1m": MINUTE_MS, "5m": 5 * MINUTE_MS } as const;
export type RefreshInterval = keyof typeof REFRESH_INTERVALS;
export const REFRESH_INTERVAL_NAMES = Object.keys(REFRESH_INTERVALS) as RefreshInterval[];

/** The longest range a page is asked for: a quarter and a bit (calendar quarters have 92 days). */
export const MAX_RANGE_MS = 93 * DAY_MS;

export type TimeRange = { preset: RangePreset | "custom"; from: Date; to: Date };
export type TimeRangeParams = { range?: string | null; from?: string | null; to?: string | null };

function isPreset(value: string | null | undefined): value is RangePreset {
  return typeof value === "string" && Object.hasOwn(RANGE_PRESETS, value);
}

function parseInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The range the URL asks for. Anything unreadable (unknown preset, a custom range whose end is
 * not after its start, or longer than MAX_RANGE_MS) falls back to the default preset rather than
 * failing the page: a link that is slightly wrong still shows something sensible.
 */
export function parseTimeRange(params: TimeRangeParams, now: Date, fallback: RangePreset = "24h"): TimeRange {
  if (params.range === "custom") {
    const from = parseInstant(params.from);
    const to = parseInstant(params.to);
    if (from && to && to > from && to.getTime() - from.getTime() <= MAX_RANGE_MS) return { preset: "custom", from, to };
  }
  const preset = isPreset(params.range) ? params.range : fallback;
  return { preset, from: new Date(now.getTime() - RANGE_PRESETS[preset]), to: now };
}

export function parseRefreshInterval(value: string | null | undefined): RefreshInterval {
  return typeof value === "string" && Object.hasOwn(REFRESH_INTERVALS, value) ? (value as RefreshInterval) : "off";
}

/** The query parameters that keep a range in a URL (a preset keeps no instants: it moves with now). */
export function timeRangeSearchParams(range: TimeRange): Record<string, string> {
  return range.preset === "custom"
    ? { range: "custom", from: range.from.toISOString(), to: range.to.toISOString() }
    : { range: range.preset };
}

/**
 * A step for a chart of `points` points at most over the range, rounded up to a whole minute,
 * hour or day so that buckets line up with the rollups.
 */
export function chartStepMs(range: { from: Date; to: Date }, points = 300): number {
  const raw = Math.max(1, (range.to.getTime() - range.from.getTime()) / points);
  const unit = raw <= HOUR_MS ? MINUTE_MS : raw <= DAY_MS ? HOUR_MS : DAY_MS;
  return Math.ceil(raw / unit) * unit;
}
