import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import { ALL_SCOPES, roleGrants, scopeGrants, sessionRole, teamRoles, type Grant, type Role } from "@/lib/domain/access";
import { CONFIG_TOKEN_ACTOR, type Actor } from "@/lib/domain/actor";
import { findSession } from "../repos/accounts";
import { findApiTokenByHash, touchApiToken } from "../repos/api-tokens";
import { env } from "../env";
import { sha256Hex } from "./secrets";

/**
 * Who is calling and what they may do. `via` says how they proved it: a session cookie, a bearer
 * token, the automatic demo viewer, or nothing.
 */
export type Principal = {
  actor: Actor;
  grants: Grant[];
  via: "session" | "token" | "demo" | "none";
  role: Role | null;
  /** Role per team slug (sessions only; loaded with the session, once per request). Tokens and the demo viewer have none. */
  teams: Readonly<Record<string, Role>>;
};

export const NOBODY: Principal = { actor: { kind: "anonymous", id: "anonymous", name: "anonymous" }, grants: [], via: "none", role: null, teams: {} };
export const DEMO_VIEWER: Principal = { actor: { kind: "user", id: "demo", name: "Demo viewer" }, grants: ["read"], via: "demo", role: "viewer", teams: {} };

// last-used is written at most once a minute per token, so busy ingest does not write on every call.
const TOUCH_EVERY_MS = 60_000;

function sha256(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** A bearer token: the configured bootstrap token (every scope) or a stored one; null when neither. */
export async function principalFromToken(presented: string, now: Date): Promise<Principal | null> {
  const configured = env().STEADYSTATE_API_TOKEN;
  // Digests compared, so the comparison takes the same time whatever the length presented.
  if (configured && timingSafeEqual(sha256(presented), sha256(configured))) {
    return { actor: CONFIG_TOKEN_ACTOR, grants: scopeGrants(ALL_SCOPES), via: "token", role: null, teams: {} };
  }
  const token = await findApiTokenByHash(sha256Hex(presented));
  if (!token || token.revokedAt || (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime())) return null;
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_EVERY_MS) await touchApiToken(token.id, now);
  return { actor: { kind: "token", id: token.id, name: token.name }, grants: scopeGrants(token.scopes), via: "token", role: null, teams: {} };
}

/** A session cookie's token: the signed-in person with their highest role; null when not live. */
export async function principalFromSession(cookieToken: string, now: Date): Promise<(Principal & { sessionId: string; email: string }) | null> {
  const session = await findSession(sha256Hex(cookieToken), now);
  if (!session) return null;
  const teams = teamRoles(session.memberships);
  const role = sessionRole(teams);
  return {
    actor: { kind: "user", id: session.userId, name: session.name },
    grants: role ? roleGrants(role) : [],
    via: "session",
    role,
    teams,
    sessionId: session.sessionId,
    email: session.email,
  };
}

/** Nobody signed in: the demo viewer in demo mode, otherwise nobody. */
export function unauthenticated(): Principal {
  return env().STEADYSTATE_DEMO ? DEMO_VIEWER : NOBODY;
}
