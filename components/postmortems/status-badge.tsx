import { STATUS_LOOK } from "./format";

export function PostmortemStatusBadge({ status }: { status: string }) {
  const look = STATUS_LOOK[status] ?? { icon: "?", label: status, state: "muted" };
  return (
    <span className="status" data-state={look.state}>
      <span aria-hidden="true">{look.icon}</span> {look.label}
    </span>
  );
}
