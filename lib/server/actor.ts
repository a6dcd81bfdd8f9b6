import "server-only";
import { roleAtLeast, type Role } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { currentPrincipal } from "./auth/session-page";
import { AppError } from "./errors";

/**
 * The actor behind a server action (pages' forms): the signed-in person, refused unless their role
 * reaches `needed` (editor for the writes of SLOs, postmortems and FMEA). Next itself refuses a
 * server action whose Origin is not the app's host, which is the CSRF check for these.
 */
export async function actionActor(needed: Role = "editor"): Promise<Actor> {
  const principal = await currentPrincipal();
  if (principal.via === "none") throw new AppError("UNAUTHENTICATED", "sign in first");
  if (principal.via !== "session" || !roleAtLeast(principal.role, needed)) {
    throw new AppError("FORBIDDEN", `this needs the ${needed} role; you are signed in as ${principal.role ?? "no team"}${principal.via === "demo" ? " (demo)" : ""}`);
  }
  return principal.actor;
}
