// How long rollups are kept (architecture.md "Sample store"): minutes for 35 days, for the SLO
// windows people watch; hours for 400 days, for quarterly and yearly reviews.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./slo-math";

export const MINUTE_RETENTION_MS = 35 * DAY_MS;
export const HOUR_RETENTION_MS = 400 * DAY_MS;

/** The oldest minute and hour bucket still kept at `now` (epoch minutes and hours). */
export function retentionCutoffs(now: Date): { minute: number; hour: number } {
  const t = now.getTime();
  return {
    minute: Math.floor((t - MINUTE_RETENTION_MS) / MINUTE_MS),
    hour: Math.floor((t - HOUR_RETENTION_MS) / HOUR_MS),
  };
}
