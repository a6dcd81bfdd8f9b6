import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { roleAtLeast, type Role } from "@/lib/domain/access";
import { SESSION_COOKIE } from "./cookies";
import { principalFromSession, unauthenticated, type Principal } from "./principal";

/**
 * Pages and server actions: the signed-in person from the session cookie, else the demo viewer or
 * nobody. One session lookup per request, however many of the layout, page, metadata and gates ask.
 */
export const currentPrincipal = cache(async (): Promise<Principal> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return (token && (await principalFromSession(token, new Date()))) || unauthenticated();
});

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

/**
 * The first line of every dashboard page (and of its generateMetadata when that reads data). The
 * layout's check is not enough: Next does not re-run a layout on client navigation, and a
 * hand-made RSC request can ask for the page segment alone, so each page checks for itself.
 */
export async function guardPage(): Promise<Principal> {
  const { principal, allowed } = await requirePageRole("viewer");
  // Signed in but in no team: the layout says so on a full load; a segment alone gets nothing.
  if (!allowed) notFound();
  return principal;
}
