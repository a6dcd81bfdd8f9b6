import "server-only";
import { allows, isSameOrigin, isUnsafeMethod, type AccessRule } from "@/lib/domain/access";
import { AppError } from "../errors";
import { appOrigins, readCookie, SESSION_COOKIE } from "./cookies";
import { NOBODY, principalFromSession, principalFromToken, unauthenticated, type Principal } from "./principal";

export function bearerToken(req: Request): string | null {
  const header = req.headers.get("authorization") ?? "";
  return header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() || null : null;
}

export function sessionToken(req: Request): string | null {
  return readCookie(req.headers.get("cookie"), SESSION_COOKIE);
}

/** Who sent this request: a bearer token wins over a cookie; an unknown bearer token is refused outright. */
export async function principalOf(req: Request, now: Date): Promise<Principal> {
  const bearer = bearerToken(req);
  if (bearer) {
    const principal = await principalFromToken(bearer, now);
    if (!principal) throw new AppError("UNAUTHENTICATED", "the bearer token is not valid (unknown, revoked or expired)");
    return principal;
  }
  const cookie = sessionToken(req);
  return (cookie && (await principalFromSession(cookie, now))) || unauthenticated();
}

/**
 * CSRF: a state-changing request authenticated by the browser (a session cookie, or a public form
 * like sign-in, where a forged post would sign the victim into the attacker's account) must come
 * from the app's own origin. Bearer calls carry no ambient credentials and are exempt.
 */
export function checkOrigin(req: Request, access: AccessRule): void {
  if (!isUnsafeMethod(req.method) || bearerToken(req)) return;
  if (access !== "public" && !sessionToken(req)) return;
  const ok = isSameOrigin({ origin: req.headers.get("origin"), secFetchSite: req.headers.get("sec-fetch-site") }, appOrigins(req.headers, req.url));
  if (!ok) throw new AppError("FORBIDDEN", "cross-origin request refused: send it from the app's own pages, or use a bearer token");
}

/** The route wrapper's gate: default deny, every route declares its rule (lib/domain/access.ts). */
export async function authorize(req: Request, access: AccessRule, now = new Date()): Promise<Principal> {
  checkOrigin(req, access);
  if (access === "public") return NOBODY;
  const principal = await principalOf(req, now);
  if (allows(principal.grants, access)) return principal;
  // No credentials presented (nobody, or the automatic demo viewer): 401 says "authenticate".
  if (principal.via === "none" || principal.via === "demo") throw new AppError("UNAUTHENTICATED", "sign in or send a bearer token");
  const who = principal.via === "token" ? "this token's scopes do not" : `your role (${principal.role ?? "no team"}) does not`;
  throw new AppError("FORBIDDEN", `${who} allow ${access} access`);
}
