import type { SloStatus } from "@/lib/server/services/slo-status";

// Status in words and a symbol as well as colour, so it reads without colour vision too.
const LOOK: Record<SloStatus, { icon: string; label: string; state: string }> = {
  breached: { icon: "✖", label: "Breached", state: "danger" },
  warning: { icon: "▲", label: "Burning", state: "warning" },
  ok: { icon: "✔", label: "OK", state: "ok" },
  "no-data": { icon: "○", label: "No data", state: "muted" },
};

export function StatusBadge({ status }: { status: SloStatus }) {
  const look = LOOK[status];
  return (
    <span className="status" data-state={look.state}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
