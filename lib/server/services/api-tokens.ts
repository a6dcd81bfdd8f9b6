import "server-only";
import type { Actor } from "@/lib/domain/actor";
import type { PublicApiToken, TokenCreateInput } from "@/lib/schemas/accounts";
import { newToken, sha256Hex } from "../auth/secrets";
import { AppError } from "../errors";
import * as repo from "../repos/api-tokens";
import { audited } from "./audit";

const DAY_MS = 86_400_000;

/** The token itself is in the answer once and never again: only its sha256 is stored. */
export async function createApiToken(input: TokenCreateInput, creator: Actor, now = new Date()): Promise<{ token: string; apiToken: PublicApiToken }> {
  const token = newToken("sst");
  const apiToken = await audited(async (tx) => {
    const row = await repo.insertApiToken({
      name: input.name, scopes: input.scopes, tokenHash: sha256Hex(token), prefix: token.slice(0, 10), createdBy: creator.name,
      expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS),
    }, tx);
    const after = { name: row.name, scopes: row.scopes.join(", "), prefix: row.prefix, expiresAt: row.expiresAt };
    return { result: row, audit: { actor: creator, action: "api-token.create", entityType: "api-token", entityId: row.id, summary: `Created API token ${row.name}`, after } };
  });
  return { token, apiToken };
}

export const listApiTokens = repo.listApiTokens;

/** Effective at once: every request looks the token up again (no cache). */
export async function revokeApiToken(id: string, actor: Actor, now = new Date()): Promise<PublicApiToken> {
  const existing = await repo.findApiToken(id);
  if (!existing) throw new AppError("NOT_FOUND", "no such token");
  if (existing.revokedAt) return existing;
  return audited(async (tx) => ({
    result: await repo.revokeApiToken(id, now, tx),
    audit: { actor, action: "api-token.revoke", entityType: "api-token", entityId: id, summary: `Revoked API token ${existing.name}`, before: { revokedAt: null }, after: { revokedAt: now.toISOString() } },
  }));
}
