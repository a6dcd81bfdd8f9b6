import { db } from "@/lib/server/db";

/** A fixed 32-byte key for tests; set before the first env() read. */
export const TEST_SECRET_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/** resetDatabase leaves other features' tables alone; the replication tests clear their own and the events. */
export async function resetReplication(): Promise<void> {
  await db().$transaction([db().replicationCluster.deleteMany(), db().event.deleteMany()]);
}

/** Polls `read` until `done` holds, at most `timeoutMs`; returns the last value either way. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, everyMs = 300): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    value = await read();
  }
  return value;
}
