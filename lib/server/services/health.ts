import "server-only";
import { db } from "../db";
import { env } from "../env";

export type Readiness =
  | { ready: true; database: { provider: string; latencyMs: number } }
  | { ready: false; database: { provider: string; error: string } };

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Ready when the database answers a trivial query within the configured timeout. */
export async function readiness(): Promise<Readiness> {
  const { DATABASE_URL, STEADYSTATE_DB_READY_TIMEOUT_MS } = env();
  const provider = DATABASE_URL.provider;
  const started = performance.now();
  try {
    await withTimeout(db().$queryRawUnsafe("SELECT 1"), STEADYSTATE_DB_READY_TIMEOUT_MS);
    return { ready: true, database: { provider, latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) ?? error.name : String(error);
    return { ready: false, database: { provider, error: `database unreachable: ${message}` } };
  }
}
