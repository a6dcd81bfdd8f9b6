import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { PublicApiToken, TokenCreateInput } from "@/lib/schemas/accounts";
import { newToken, sha256Hex } from "../auth/secrets";
import { AppError } from "../errors";
import * as repo from "../repos/api-tokens";

const DAY_MS = 86_400_000;

/** The token itself is in the answer once and never again: only its sha256 is stored. */
export async function createApiToken(input: TokenCreateInput, creator: Actor, now = new Date()): Promise<{ token: string; apiToken: PublicApiToken }> {
  const token = newToken("sst");
  const apiToken = await repo.insertApiToken({
    name: input.name, scopes: input.scopes, tokenHash: sha256Hex(token), prefix: token.slice(0, 10), createdBy: creator.name,
    expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS),
  });
  return { token, apiToken };
}

export const listApiTokens = repo.listApiTokens;

/** Effective at once: every request looks the token up again (no cache). */
export async function revokeApiToken(id: string, now = new Date()): Promise<PublicApiToken> {
  const existing = await repo.findApiToken(id);
  if (!existing) throw new AppError("NOT_FOUND", "no such token");
  return existing.revokedAt ? existing : repo.revokeApiToken(id, now);
}
