import "server-only";
import type { Scope } from "@/lib/domain/access";
import type { PublicApiToken } from "@/lib/schemas/accounts";
import type { Tx } from "./audit";
import { db } from "../db";

type Row = { id: string; name: string; prefix: string; scopes: string; createdBy: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toPublic = (row: Row): PublicApiToken => ({
  id: row.id, name: row.name, prefix: row.prefix, scopes: JSON.parse(row.scopes) as Scope[], createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(), expiresAt: iso(row.expiresAt), lastUsedAt: iso(row.lastUsedAt), revokedAt: iso(row.revokedAt),
});

const columns = { id: true, name: true, prefix: true, scopes: true, createdBy: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function insertApiToken(input: { name: string; tokenHash: string; prefix: string; scopes: Scope[]; createdBy: string; expiresAt: Date | null }, client: Tx = db()): Promise<PublicApiToken> {
  const row = await client.apiToken.create({ data: { ...input, scopes: JSON.stringify(input.scopes) }, select: columns });
  return toPublic(row);
}

export async function listApiTokens(): Promise<PublicApiToken[]> {
  return (await db().apiToken.findMany({ select: columns, orderBy: { createdAt: "desc" } })).map(toPublic);
}

/** The token for a hash, read on every request (no cache), so a revocation holds from the next call. */
export async function findApiTokenByHash(tokenHash: string): Promise<PublicApiToken | null> {
  const row = await db().apiToken.findUnique({ where: { tokenHash }, select: columns });
  return row ? toPublic(row) : null;
}

export async function findApiToken(id: string): Promise<PublicApiToken | null> {
  const row = await db().apiToken.findUnique({ where: { id }, select: columns });
  return row ? toPublic(row) : null;
}

export async function revokeApiToken(id: string, at: Date, client: Tx = db()): Promise<PublicApiToken> {
  const row = await client.apiToken.update({ where: { id }, data: { revokedAt: at }, select: columns });
  return toPublic(row);
}

export async function touchApiToken(id: string, at: Date): Promise<void> {
  await db().apiToken.update({ where: { id }, data: { lastUsedAt: at } });
}
