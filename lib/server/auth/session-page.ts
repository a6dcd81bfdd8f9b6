import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { roleAtLeast, type Role } from "@/lib/domain/access";
import { SESSION_COOKIE } from "./cookies";
import { principalFromSession, unauthenticated, type Principal } from "./principal";

/** Pages and server actions: the signed-in person from the session cookie, else the demo viewer or nobody. */
export async function currentPrincipal(now = new Date()): Promise<Principal> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return (token && (await principalFromSession(token, now))) || unauthenticated();
}

/** The header proxy.ts sets with the page's path and query, so a redirect to sign-in can come back. */
export const PATH_HEADER = "x-steadystate-path";

/**
 * Dashboard pages: nobody is sent to /sign-in?next=<this page>; the caller shows `allowed: false`
 * (signed in but below `needed`, e.g. in no team yet) as a message instead of the page.
 */
export async function requirePageRole(needed: Role = "viewer"): Promise<{ principal: Principal; allowed: boolean }> {
  const principal = await currentPrincipal();
  if (principal.via === "none") {
    const path = (await headers()).get(PATH_HEADER) ?? "/";
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  return { principal, allowed: roleAtLeast(principal.role, needed) };
}
