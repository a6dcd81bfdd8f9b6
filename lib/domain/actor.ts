/**
 * Who did something: the audit log records it, the route wrapper and server actions supply it.
 * - user: a signed-in person (id = user id).
 * - token: an API token (id = token id; the configured STEADYSTATE_API_TOKEN is id "config").
 * - system: the app itself (jobs, seeding, migrations).
 * - anonymous: nobody signed in (public routes).
 */
export type ActorKind = "user" | "token" | "system" | "anonymous";
export type Actor = { kind: ActorKind; id: string; name: string };

export const SYSTEM_ACTOR: Actor = { kind: "system", id: "system", name: "Steadystate" };
export const ANONYMOUS_ACTOR: Actor = { kind: "anonymous", id: "anonymous", name: "anonymous" };
export const CONFIG_TOKEN_ACTOR: Actor = { kind: "token", id: "config", name: "configured API token" };
