import type { ActionPriority } from "@/lib/domain/fmea";

// Priority in words and a symbol as well as colour (house rule: never colour alone).
const LOOK: Record<ActionPriority, { icon: string; label: string; state: string }> = {
  high: { icon: "▲", label: "High", state: "danger" },
  medium: { icon: "■", label: "Medium", state: "warning" },
  low: { icon: "▽", label: "Low", state: "ok" },
};

export function ApBadge({ ap }: { ap: ActionPriority }) {
  const look = LOOK[ap];
  return (
    <span className="status" data-state={look.state}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
