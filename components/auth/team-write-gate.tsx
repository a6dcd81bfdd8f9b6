import type { ReactNode } from "react";
import { IfCanWrite } from "./viewer-context";

/**
 * An edit control for editors and admins, unless the resource's team refuses them (`refusal`, e.g.
 * "needs editor in team search", from teamWriteRefusal): then why, instead. Viewers see neither.
 * The server refuses the write regardless; this only spares a form that would be refused.
 */
export function TeamWriteGate({ refusal, what, children }: { refusal: string | null | undefined; what: string; children: ReactNode }) {
  return <IfCanWrite>{refusal ? <span className="muted" role="note">{what} {refusal}</span> : children}</IfCanWrite>;
}
