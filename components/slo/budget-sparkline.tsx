import { Sparkline } from "@/components/charts/sparkline";
import type { SloSparkline } from "@/lib/server/services/slo-sparklines";
import { percent } from "./format";

const DAY_MS = 86_400_000;

function span(ms: number): string {
  const days = ms / DAY_MS;
  return days >= 2 ? `${Math.round(days)} days` : `${Math.round(ms / 3_600_000)} hours`;
}

/** What the line shows, in words: where the budget started and ended and its lowest point. */
export function sparklineLabel(s: SloSparkline): string {
  if (s.remaining === null) return `no budget sparkline: ${s.reason}`;
  const first = s.remaining[0]!;
  const last = s.remaining[s.remaining.length - 1]!;
  const lowest = Math.min(...s.remaining);
  const low = lowest < last ? `, lowest ${percent(lowest, 0)}` : "";
  return `budget ${percent(first, 0)} → ${percent(last, 0)} over ${span(s.at[s.at.length - 1]! - s.at[0]!)}${low}`;
}

/**
 * Budget remaining over the window as a small SVG line on a fixed 0–100% scale, so rows compare;
 * the colour follows the budget left now and the label says it in words.
 */
export function BudgetSparkline({ sparkline }: { sparkline: SloSparkline | undefined }) {
  if (!sparkline) return <span className="muted">—</span>;
  const label = sparklineLabel(sparkline);
  if (sparkline.remaining === null) return <span className="muted" role="img" aria-label={label} title={label}>no sparkline</span>;
  const last = sparkline.remaining[sparkline.remaining.length - 1]!;
  const state = last <= 0 ? "danger" : last < 0.25 ? "warning" : "ok";
  return (
    <span className="budget-sparkline" data-state={state} title={label}>
      <Sparkline values={sparkline.remaining} label={label} width={88} height={24} domain={[0, 1]} baseline={0} />
    </span>
  );
}
