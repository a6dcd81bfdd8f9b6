import type { BandState } from "@/components/charts/state-band-chart";
import type { TimelineState } from "@/lib/domain/breaker-timeline";

// Each state in words and a symbol as well as colour, so it reads without colour vision too.
export const BREAKER_LOOK: Record<TimelineState, { icon: string; label: string; tone: string; color: string }> = {
  open: { icon: "✖", label: "Open", tone: "danger", color: "var(--danger)" },
  "half-open": { icon: "◐", label: "Half-open", tone: "warning", color: "var(--warning)" },
  closed: { icon: "✔", label: "Closed", tone: "ok", color: "var(--ok)" },
  unknown: { icon: "○", label: "No data", tone: "muted", color: "var(--surface-2)" },
};

export const BREAKER_BAND_STATES: BandState[] = (Object.keys(BREAKER_LOOK) as TimelineState[]).map((key) => ({
  key,
  label: BREAKER_LOOK[key].label,
  icon: BREAKER_LOOK[key].icon,
  color: BREAKER_LOOK[key].color,
}));

export function BreakerStateBadge({ state }: { state: TimelineState }) {
  const look = BREAKER_LOOK[state];
  return (
    <span className="status" data-state={look.tone}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
