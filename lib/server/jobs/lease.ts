import "server-only";
import { db } from "../db";

/**
 * Takes or renews the lease on a job until `now + ttlMs`. True for exactly one holder at a time,
 * across every app instance sharing the database: the update only matches when the lease is ours
 * or has expired, and a first-ever create races on the primary key.
 */
export async function acquireLease(options: { name: string; holder: string; ttlMs: number; now: Date }): Promise<boolean> {
  const { name, holder, ttlMs, now } = options;
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db().jobLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db().jobLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** Gives a lease up early (on shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await db().jobLease.deleteMany({ where: { name, holder } });
}
