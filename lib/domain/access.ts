/**
 * Who may call what (README "Accounts and access"). Pure: the route wrapper and server actions ask
 * `allows(principal, access)`; nothing here reads a request or the database.
 *
 * - A signed-in person's grants come from their role: the highest role over their teams
 *   (sessionRole: admin only for the default team's admins). viewer → read; editor → read, write;
 *   admin → read, write, admin.
 * - An API token's grants are its scopes: read; write (implies read); admin (implies read, write);
 *   ingest stands alone (a collector's token reads nothing).
 * - Sessions never ingest: ingestion is for machines, with a token.
 */
export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ["ingest", "read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** What a route declares. "public" needs nobody; every other value is a grant the caller must hold. */
export const ACCESS_RULES = ["public", "read", "write", "admin", "ingest"] as const;
export type AccessRule = (typeof ACCESS_RULES)[number];
export type Grant = Exclude<AccessRule, "public">;

const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function roleGrants(role: Role): Grant[] {
  if (role === "admin") return ["read", "write", "admin"];
  if (role === "editor") return ["read", "write"];
  return ["read"];
}

export function scopeGrants(scopes: readonly Scope[]): Grant[] {
  const grants = new Set<Grant>();
  for (const scope of scopes) {
    if (scope === "ingest") grants.add("ingest");
    if (scope === "read" || scope === "write" || scope === "admin") grants.add("read");
    if (scope === "write" || scope === "admin") grants.add("write");
    if (scope === "admin") grants.add("admin");
  }
  return [...grants];
}

/** The highest of a person's roles over their teams; null when they belong to no team. */
export function highestRole(roles: readonly Role[]): Role | null {
  let best: Role | null = null;
  for (const role of roles) if (!best || ROLE_RANK[role] > ROLE_RANK[best]) best = role;
  return best;
}

export function roleAtLeast(role: Role | null, needed: Role): boolean {
  return role !== null && ROLE_RANK[role] >= ROLE_RANK[needed];
}

/** Every scope: the bootstrap STEADYSTATE_API_TOKEN holds them all. */
export const ALL_SCOPES: readonly Scope[] = SCOPES;

export function allows(grants: readonly Grant[], access: AccessRule): boolean {
  return access === "public" || grants.includes(access);
}

/** True for methods that change something: these need a same-origin check when a cookie authenticates them. */
export function isUnsafeMethod(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * Whether a cookie-authenticated request comes from the app's own pages. Origin is compared with
 * the app's origin; without an Origin header, browsers' Sec-Fetch-Site must say same-origin.
 * Neither header present (an old browser or a non-browser client holding a stolen cookie) is refused.
 */
export function isSameOrigin(headers: { origin: string | null; secFetchSite: string | null }, appOrigins: readonly string[]): boolean {
  if (headers.origin && headers.origin !== "null") return appOrigins.includes(headers.origin.toLowerCase());
  return headers.secFetchSite === "same-origin";
}

/** Where to go after sign-in: only a path on this site (never `//host` or `https://…`: open redirect). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/")) return "/";
  // Browsers drop tabs and newlines and read "\\" as "/" in a URL, so "/\t/evil" is "//evil": an
  // address is kept only if it resolves to this origin and has none of those.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  const base = "http://steadystate.invalid";
  const url = new URL(next, base);
  return url.origin === base && !next.startsWith("//") ? next : "/";
}

/**
 * Per-team writes (README "Accounts and access"). The team the first admin is put in: its admins
 * are admins everywhere, so someone can always mend any team's resources.
 */
export const DEFAULT_TEAM = "default";

/** What the per-team rule needs to know about a caller: how they proved it, their grants, their role per team slug. */
export type TeamWriter = { via: "session" | "token" | "demo" | "none"; grants: readonly Grant[]; teams: Readonly<Record<string, Role>> };
export type WriteDecision = { ok: true } | { ok: false; reason: string };

/**
 * May `writer` change a resource owned by `owners` (team slugs; null for "no team")? Only owners
 * in `existingTeams` count: a resource with no team, or whose team names no Team, falls back to the
 * highest role, which the `write` grant already reflects. With several owners (a postmortem about
 * SLOs of several teams) editor in ANY of them is enough. Tokens' scopes are not per team: a
 * `write` token writes everywhere.
 */
export function canWriteOwned(writer: TeamWriter, owners: readonly (string | null)[], existingTeams: ReadonlySet<string>): WriteDecision {
  if (!writer.grants.includes("write")) return { ok: false, reason: "this needs the write grant (editor or admin)" };
  if (writer.via === "token") return { ok: true };
  if (writer.teams[DEFAULT_TEAM] === "admin") return { ok: true };
  const owning = [...new Set(owners.filter((t): t is string => t !== null && existingTeams.has(t)))].sort();
  if (owning.length === 0) return { ok: true };
  if (owning.some((team) => roleAtLeast(writer.teams[team] ?? null, "editor"))) return { ok: true };
  return { ok: false, reason: `needs editor in team ${owning.join(" or ")}` };
}

/** The role per team slug, from a person's memberships. */
/**
 * A signed-in person's role for what is not per team (routes, pages, people, tokens, data
 * sources): the highest over their teams, except that admin is the default team's admins' alone.
 * An admin of another team is an editor there (its resources follow canWriteOwned); otherwise an
 * admin of any team could make themselves admin everywhere, or mint a write token that ignores teams.
 */
export function sessionRole(teams: Readonly<Record<string, Role>>): Role | null {
  const role = highestRole(Object.values(teams));
  return role === "admin" && teams[DEFAULT_TEAM] !== "admin" ? "editor" : role;
}

export function teamRoles(memberships: readonly { team: string; role: Role }[]): Record<string, Role> {
  return Object.fromEntries(memberships.map((m) => [m.team, m.role]));
}
