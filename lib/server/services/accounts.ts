import "server-only";
import { forgiveFailure, lockedForMs, recordFailure, type FailureWindow } from "@/lib/domain/sign-in-limit";
import type { PublicUser, SignInInput, UserCreateInput, UserPatchInput } from "@/lib/schemas/accounts";
import { dummyHash, hashPassword, verifyPassword } from "../auth/password";
import { newToken, sha256Hex } from "../auth/secrets";
import { env } from "../env";
import { AppError } from "../errors";
import { log } from "../log";
import * as repo from "../repos/accounts";
import { SYSTEM_ACTOR, type Actor } from "@/lib/domain/actor";
import { DEFAULT_TEAM } from "@/lib/domain/access";
import { audited } from "./audit";

// Failed sign-ins per account and per client address, in this process's memory: a restart forgets
// them (the lockout is a brake on guessing, the scrypt cost is the wall). Several instances each
// keep their own count.
const failures = new Map<string, FailureWindow>();
const PER_ADDRESS_FACTOR = 4;

export function resetSignInLimits(): void {
  failures.clear();
}

function limits() {
  const max = env().STEADYSTATE_SIGNIN_MAX_FAILURES;
  return { max, windowMs: env().STEADYSTATE_SIGNIN_LOCKOUT_MINUTES * 60_000 };
}

function refuseIfLocked(keys: { key: string; max: number }[], now: number): void {
  const { windowMs } = limits();
  const waitMs = Math.max(...keys.map(({ key, max }) => lockedForMs(failures, key, now, max, windowMs)));
  if (waitMs > 0) {
    throw new AppError("RATE_LIMITED", "too many failed sign-ins; try again later", { headers: { "retry-after": String(Math.ceil(waitMs / 1000)) } });
  }
}

export type NewSession = { token: string; maxAgeSeconds: number; userId: string };

async function startSession(userId: string, now: Date): Promise<NewSession> {
  const token = newToken("sss");
  const maxAgeSeconds = env().STEADYSTATE_SESSION_TTL_HOURS * 3600;
  await repo.createSession({ tokenHash: sha256Hex(token), userId, expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000) });
  return { token, maxAgeSeconds, userId };
}

/**
 * Checks the password and starts a NEW session (a fresh random token): whatever session cookie the
 * browser held before is ended, so a token planted before sign-in is worthless after it (fixation).
 */
export async function signIn(input: SignInInput, context: { address: string | null; previousToken: string | null }, now = new Date()): Promise<NewSession> {
  await ensureConfiguredAdmin();
  const { max, windowMs } = limits();
  const keys = [{ key: `account:${input.email}`, max }, ...(context.address ? [{ key: `address:${context.address}`, max: max * PER_ADDRESS_FACTOR }] : [])];
  refuseIfLocked(keys, now.getTime());
  // Counted before the (slow) check and forgiven on success: attempts sent at once cannot all slip
  // past the lock while their hashes run.
  for (const { key } of keys) recordFailure(failures, key, now.getTime(), windowMs);
  const user = await repo.findCredentials(input.email);
  // An unknown email costs one scrypt too, so the answer's timing does not tell which emails exist.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok || user.disabled) {
    log.warn("sign-in refused", { address: context.address ?? "unknown" });
    throw new AppError("UNAUTHENTICATED", "email or password is wrong, or the account is disabled");
  }
  for (const { key } of keys) forgiveFailure(failures, key);
  if (context.previousToken) await repo.deleteSession(sha256Hex(context.previousToken));
  return startSession(user.id, now);
}

export async function signOut(token: string): Promise<void> {
  await repo.deleteSession(sha256Hex(token));
}

/** Ends every session of the person, on every device. */
export async function signOutEverywhere(userId: string): Promise<number> {
  return repo.deleteUserSessions(userId);
}

/** What the audit log keeps of a person: never the password or its hash. */
const auditedUser = (u: PublicUser) => ({ email: u.email, name: u.name, disabled: u.disabled, memberships: u.memberships.map((m) => `${m.team}:${m.role}`).join(", ") });

export async function createUser(input: UserCreateInput, actor: Actor = SYSTEM_ACTOR): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  return audited(async (tx) => {
    const user = await repo.createUser({ ...input, passwordHash }, tx);
    return { result: user, audit: { actor, action: "user.create", entityType: "user", entityId: user.id, summary: `Added ${user.email}`, after: auditedUser(user) } };
  });
}

export async function updateUser(id: string, patch: UserPatchInput, actor: Actor): Promise<PublicUser> {
  // An admin cannot lock themselves out (the last way in could be lost).
  if (id === actor.id && (patch.disabled || (patch.memberships && !patch.memberships.some((m) => m.role === "admin" && m.team === DEFAULT_TEAM)))) {
    throw new AppError("CONFLICT", "you cannot disable yourself or take away your own admin role");
  }
  const before = await repo.findUser(id);
  if (!before) throw new AppError("NOT_FOUND", "no such user");
  const { password, ...rest } = patch;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return audited(async (tx) => {
    const user = await repo.updateUser(id, { ...rest, passwordHash }, tx);
    const after = { ...auditedUser(user), ...(password ? { signInChanged: "new password set" } : {}) };
    return { result: user, audit: { actor, action: "user.update", entityType: "user", entityId: id, summary: `Changed ${user.email}`, before: auditedUser(before), after } };
  });
}

export const listUsers = repo.listUsers;
export const listTeams = repo.listTeams;
export const adminExists = repo.adminExists;

/** /setup: creates the first admin, and only while there is none. */
export async function setupFirstAdmin(input: { email: string; name: string; password: string }): Promise<PublicUser> {
  if (await repo.adminExists()) throw new AppError("CONFLICT", "setup is done: an admin already exists; sign in instead");
  return createUser({ ...input, memberships: [{ team: "default", role: "admin" }] }, { kind: "anonymous", id: "setup", name: "first-run setup" });
}

let ensured: Promise<void> | undefined;
/**
 * STEADYSTATE_ADMIN_EMAIL / _PASSWORD: the first admin, created once at boot (and before the first
 * sign-in) when no admin exists. Once any admin exists these settings change nothing.
 */
export function ensureConfiguredAdmin(): Promise<void> {
  ensured ??= (async () => {
    const { STEADYSTATE_ADMIN_EMAIL: email, STEADYSTATE_ADMIN_PASSWORD: password } = env();
    if (!email || !password || (await repo.adminExists())) return;
    const existing = await repo.findCredentials(email);
    if (existing) await repo.updateUser(existing.id, { disabled: false, memberships: [{ team: "default", role: "admin" }] });
    else await createUser({ email, name: "Administrator", password, memberships: [{ team: "default", role: "admin" }] });
    log.info("accounts: created the first admin from STEADYSTATE_ADMIN_EMAIL", { email });
  })().catch((error) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}

/** For tests that reset the database between cases. */
export function forgetConfiguredAdmin(): void {
  ensured = undefined;
}
