import "server-only";
import { env } from "./env";
import { evaluateAlerts } from "./jobs/evaluate-alerts";
import { pruneRollups } from "./jobs/retention";
import { startJobs } from "./jobs/runner";

const HOUR_MS = 3_600_000;

/** Called once at server start (instrumentation.ts): invalid configuration stops the process. */
export function boot(): void {
  try {
    env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (env().STEADYSTATE_JOBS) {
    startJobs([
      { name: "evaluate-alerts", intervalMs: 60_000, run: evaluateAlerts },
      { name: "prune-rollups", intervalMs: HOUR_MS, run: pruneRollups },
    ]);
  }
}
