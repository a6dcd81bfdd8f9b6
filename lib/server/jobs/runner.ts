import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { log } from "../log";
import { metrics } from "../metrics";
import { acquireLease } from "./lease";

export type Job = { name: string; intervalMs: number; run: (now: Date) => Promise<unknown> };

/**
 * This process, as a lease holder: readable in the database, unique across restarts. Kept on
 * globalThis because Next bundles this module into more than one chunk (instrumentation and each
 * route): with one id per copy, a route running a job now (POST /api/notifications/run) would be
 * refused the lease its own process's timer holds.
 */
const holders = globalThis as typeof globalThis & { steadystateLeaseHolder?: string };
export const HOLDER = (holders.steadystateLeaseHolder ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);

/**
 * One tick of a job: run it if this instance holds (or can take) its lease. The lease lasts two
 * intervals, so a holder that dies is replaced within two intervals, and one slow run does not
 * let a second instance start the same job.
 */
export async function tick(job: Job, now = new Date()): Promise<"ran" | "skipped" | "failed"> {
  const { jobRuns } = metrics();
  try {
    if (!(await acquireLease({ name: job.name, holder: HOLDER, ttlMs: 2 * job.intervalMs, now }))) {
      jobRuns.inc({ job: job.name, outcome: "skipped" });
      return "skipped";
    }
    const result = await job.run(now);
    log.info("job ran", { job: job.name, result });
    jobRuns.inc({ job: job.name, outcome: "ran" });
    return "ran";
  } catch (error) {
    log.error("job failed", { job: job.name, error: error instanceof Error ? error.message : String(error) });
    jobRuns.inc({ job: job.name, outcome: "failed" });
    return "failed";
  }
}

/** Starts every job on its interval; runs never overlap for one job within this process. */
export function startJobs(jobs: Job[]): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      await tick(job).finally(() => (running = false));
    }, job.intervalMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
