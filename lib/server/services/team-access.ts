import "server-only";
import { canWriteOwned } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import type { Principal } from "../auth/principal";
import { AppError } from "../errors";
import { owningTeams, type OwnedRef } from "../repos/owners";

export type { OwnedRef };

/**
 * Who writes: a route's or a server action's principal (checked per team), or a bare actor for
 * trusted callers (scripts, jobs, the demo seed, tests acting as the system), which are not.
 */
export type WriteContext = Principal | Actor;

const isPrincipal = (who: WriteContext): who is Principal => "grants" in who;

/** The actor to put in the audit log. */
export const actorOf = (who: WriteContext): Actor => (isPrincipal(who) ? who.actor : who);

/**
 * Refuses (403, naming the team) a write the caller may not make to the referenced resources, before
 * anything is written (README "Accounts and access": editor in the owning team, default-team admins
 * everywhere, no team → the highest role, tokens by scope).
 */
export async function assertCanWrite(who: WriteContext, ...refs: OwnedRef[]): Promise<void> {
  if (!isPrincipal(who)) return;
  const { owners, existing } = await owningTeams(refs);
  const decision = canWriteOwned(who, owners, existing);
  if (!decision.ok) throw new AppError("FORBIDDEN", decision.reason);
}

/** Why `who` may not write the referenced resources, or null when they may: pages hide edit controls with it. */
export async function teamWriteRefusal(who: Principal, ...refs: OwnedRef[]): Promise<string | null> {
  const { owners, existing } = await owningTeams(refs);
  const decision = canWriteOwned(who, owners, existing);
  return decision.ok ? null : decision.reason;
}
