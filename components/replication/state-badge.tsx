import type { MemberView } from "@/lib/schemas/replication";

type State = MemberView["state"];

// Words and a symbol as well as colour, so the state reads without colour vision too.
const LOOK: Record<State, { icon: string; label: string; tone: string }> = {
  ok: { icon: "✔", label: "OK", tone: "ok" },
  lagging: { icon: "▲", label: "Lagging", tone: "warning" },
  stopped: { icon: "■", label: "Stopped", tone: "danger" },
  unreachable: { icon: "✖", label: "Unreachable", tone: "danger" },
  unknown: { icon: "○", label: "Not probed yet", tone: "muted" },
};

export function ReplicationStateBadge({ state }: { state: State | null }) {
  const look = LOOK[state ?? "unknown"];
  return (
    <span className="status" data-state={look.tone}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
