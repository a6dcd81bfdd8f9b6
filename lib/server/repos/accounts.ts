import "server-only";
import type { Role } from "@/lib/domain/access";
import type { PublicUser } from "@/lib/schemas/accounts";
import type { Tx } from "./audit";
import { db } from "../db";

const DEFAULT_TEAM = { slug: "default", name: "Everyone" };

type UserRow = {
  id: string; email: string; name: string; disabled: boolean; createdAt: Date;
  memberships: { role: string; team: { slug: string; name: string } }[];
};
const withTeams = { memberships: { include: { team: true }, orderBy: { teamId: "asc" as const } } };

// The one place a user row becomes something that leaves the server: no password hash.
const toPublic = (row: UserRow): PublicUser => ({
  id: row.id, email: row.email, name: row.name, disabled: row.disabled, createdAt: row.createdAt.toISOString(),
  memberships: row.memberships.map((m) => ({ team: m.team.slug, teamName: m.team.name, role: m.role as Role })),
});

export async function listUsers(): Promise<PublicUser[]> {
  return (await db().user.findMany({ include: withTeams, orderBy: { email: "asc" } })).map(toPublic);
}

export async function findUser(id: string): Promise<PublicUser | null> {
  const row = await db().user.findUnique({ where: { id }, include: withTeams });
  return row ? toPublic(row) : null;
}

/** For sign-in only: the hash never leaves the service. */
export async function findCredentials(email: string): Promise<{ id: string; passwordHash: string; disabled: boolean } | null> {
  return db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabled: true } });
}

export async function adminExists(): Promise<boolean> {
  // Admin is the default team's admins' (lib/domain/access.ts sessionRole).
  return (await db().membership.count({ where: { role: "admin", team: { slug: DEFAULT_TEAM.slug }, user: { disabled: false } } })) > 0;
}

async function teamIds(slugs: string[], client: Tx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const slug of new Set(slugs)) {
    const name = slug === DEFAULT_TEAM.slug ? DEFAULT_TEAM.name : slug;
    const team = await client.team.upsert({ where: { slug }, create: { slug, name }, update: {} });
    ids.set(slug, team.id);
  }
  return ids;
}

export async function createUser(input: { email: string; name: string; passwordHash: string; memberships: { team: string; role: Role }[] }, client: Tx = db()): Promise<PublicUser> {
  const ids = await teamIds(input.memberships.map((m) => m.team), client);
  const row = await client.user.create({
    data: {
      email: input.email, name: input.name, passwordHash: input.passwordHash,
      memberships: { create: input.memberships.map((m) => ({ teamId: ids.get(m.team)!, role: m.role })) },
    },
    include: withTeams,
  });
  return toPublic(row);
}

export type UserPatch = { name?: string; disabled?: boolean; passwordHash?: string; memberships?: { team: string; role: Role }[] };

/** Inside the caller's transaction when given one (the audited change), else in its own. */
export async function updateUser(id: string, patch: UserPatch, tx?: Tx): Promise<PublicUser> {
  if (!tx) return db().$transaction((own) => updateUser(id, patch, own));
  if (patch.memberships) {
    const ids = await teamIds(patch.memberships.map((m) => m.team), tx);
    await tx.membership.deleteMany({ where: { userId: id } });
    await tx.membership.createMany({ data: patch.memberships.map((m) => ({ userId: id, teamId: ids.get(m.team)!, role: m.role })) });
  }
  // A disabled account or a new password ends every session at once.
  if (patch.disabled || patch.passwordHash) await tx.session.deleteMany({ where: { userId: id } });
  return toPublic(await tx.user.update({ where: { id }, data: { name: patch.name, disabled: patch.disabled, passwordHash: patch.passwordHash }, include: withTeams }));
}

export async function listTeams(): Promise<{ slug: string; name: string }[]> {
  return db().team.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } });
}

// Sessions ------------------------------------------------------------------------------------

export async function createSession(input: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db().session.create({ data: input });
}

export type SessionUser = { sessionId: string; userId: string; name: string; email: string; memberships: { team: string; role: Role }[]; expiresAt: Date };

/** The live session for a token hash: unexpired and its user enabled; null otherwise. */
export async function findSession(tokenHash: string, now: Date): Promise<SessionUser | null> {
  const row = await db().session.findUnique({ where: { tokenHash }, include: { user: { include: { memberships: { include: { team: { select: { slug: true } } } } } } } });
  if (!row || row.expiresAt <= now || row.user.disabled) return null;
  return {
    sessionId: row.id, userId: row.userId, name: row.user.name, email: row.user.email, expiresAt: row.expiresAt,
    memberships: row.user.memberships.map((m) => ({ team: m.team.slug, role: m.role as Role })),
  };
}

export async function deleteSession(tokenHash: string): Promise<void> {
  await db().session.deleteMany({ where: { tokenHash } });
}

export async function deleteUserSessions(userId: string): Promise<number> {
  return (await db().session.deleteMany({ where: { userId } })).count;
}

export async function deleteExpiredSessions(now: Date): Promise<number> {
  return (await db().session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
