import "server-only";
import { roleAtLeast, type Role } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import type { Principal } from "./auth/principal";
import { currentPrincipal } from "./auth/session-page";
import { AppError } from "./errors";

/**
 * The actor behind a server action (pages' forms): the signed-in person, refused unless their role
 * reaches `needed` (editor for the writes of SLOs, postmortems and FMEA). Next itself refuses a
 * server action whose Origin is not the app's host, which is the CSRF check for these.
 */
export async function actionActor(needed: Role = "editor"): Promise<Actor> {
  return (await actionPrincipal(needed)).actor;
}

/**
 * The same check, answering with the whole principal: what server actions pass to services that
 * check the resource's team (lib/server/services/team-access.ts).
 */
export async function actionPrincipal(needed: Role = "editor"): Promise<Principal> {
  const principal = await currentPrincipal();
  if (principal.via === "none") throw new AppError("UNAUTHENTICATED", "sign in first");
  if (principal.via !== "session" || !roleAtLeast(principal.role, needed)) {
    throw new AppError("FORBIDDEN", `this needs the ${needed} role; you are signed in as ${principal.role ?? "no team"}${principal.via === "demo" ? " (demo)" : ""}`);
  }
  return principal;
}
