import type { TimeRange } from "@/lib/domain/time-range";
import { AppError } from "@/lib/server/errors";
import { getSloActivity, type SloActivity } from "@/lib/server/services/slo-activity";
import { SloActivityCharts } from "./slo-activity-charts";

const LABELS: Record<string, string> = { "1h": "last hour", "6h": "last 6 hours", "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days" };

function rangeLabel(range: TimeRange): string {
  if (range.preset !== "custom") return LABELS[range.preset]!;
  const text = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  return `range ${text(range.from)} – ${text(range.to)} UTC`;
}

/**
 * Burn rates and RED over the page's time range, loaded on its own (inside <Suspense>) so the
 * headline figures above do not wait for a month of 5-minute steps.
 */
export async function SloActivitySection({ id, range, now, objective }: { id: string; range: TimeRange; now: Date; objective: number }) {
  let activity: SloActivity | null = null;
  let error: string | null = null;
  try {
    activity = await getSloActivity(id, range, now);
  } catch (e) {
    if (!(e instanceof AppError && e.code === "UNAVAILABLE")) throw e;
    error = e.message;
  }
  return <SloActivityCharts activity={activity} error={error} objective={objective} rangeLabel={rangeLabel(range)} />;
}
