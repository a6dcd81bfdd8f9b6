import "server-only";
import { ANONYMOUS_ACTOR, type Actor } from "@/lib/domain/actor";

/**
 * The actor behind a server action (pages' forms). Until accounts land nobody is signed in; the
 * accounts feature replaces this body with the session's user and refuses callers without the role.
 */
export async function actionActor(): Promise<Actor> {
  return ANONYMOUS_ACTOR;
}
