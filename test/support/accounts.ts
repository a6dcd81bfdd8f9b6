import type { Role, Scope } from "@/lib/domain/access";
import { createUser, signIn } from "@/lib/server/services/accounts";
import { createApiToken } from "@/lib/server/services/api-tokens";
import { SYSTEM_ACTOR } from "@/lib/domain/actor";

export const TEST_PASSWORD = "correct horse battery staple";

/** A person with `role` in the default team, signed in: returns their session cookie's token. */
export async function signedIn(role: Role, email = `${role}@example.test`): Promise<{ session: string; userId: string }> {
  const user = await createUser({ email, name: `The ${role}`, password: TEST_PASSWORD, memberships: [{ team: "default", role }] });
  const { token } = await signIn({ email, password: TEST_PASSWORD }, { address: null, previousToken: null });
  return { session: token, userId: user.id };
}

/** A stored API token holding `scopes`. */
export async function apiToken(scopes: Scope[], name = scopes.join("+")): Promise<{ token: string; id: string }> {
  const { token, apiToken: row } = await createApiToken({ name, scopes, expiresInDays: 30 }, SYSTEM_ACTOR);
  return { token, id: row.id };
}
