import "server-only";
import { HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";
import { env } from "./env";
import { REPLICATION_PROBE_INTERVAL_MS } from "@/lib/domain/replication";
import { listenForIngest, offerIngestToServer } from "./ingest/listener";
import { startIngest } from "./ingest/store";
import { evaluateAlerts } from "./jobs/evaluate-alerts";
import { log } from "./log";
import { probeReplication } from "./jobs/probe-replication";
import { pruneRollups } from "./jobs/retention";
import { startJobs } from "./jobs/runner";
import { NOTIFY_JOB } from "./jobs/notify";
import { deleteExpiredSessions } from "./repos/accounts";
import { ensureConfiguredAdmin } from "./services/accounts";
import { sealStoredDataSourceHeaders } from "./services/datasources";


/** Called once at server start (instrumentation.ts): invalid configuration stops the process. */
export function boot(): void {
  try {
    env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // Applies whatever the last run acknowledged but had not applied (after a crash, say). A failure
  // here is retried by the first ingest or read, which answer 503 until it succeeds.
  try {
    startIngest();
  } catch (error) {
    // A second process on the same SQLite file would judge samples against states it cannot see.
    if ((error as Error).name === "IngestOwnedElsewhereError") {
      console.error((error as Error).message);
      process.exit(1);
    }
    log.error("ingest: could not open the ingest log", { error: error instanceof Error ? error.message : String(error) });
  }
  // scripts/server.mjs sends ingest POSTs on the app's port straight to the route handlers.
  offerIngestToServer();
  const ingestAddress = env().STEADYSTATE_INGEST_LISTEN;
  if (ingestAddress) {
    listenForIngest(ingestAddress.host, ingestAddress.port).then(
      (listener) => log.info("ingest: listening for ingest only", { url: listener.url }),
      (error: unknown) => {
        console.error(`STEADYSTATE_INGEST_LISTEN: cannot listen on ${ingestAddress.host}:${ingestAddress.port}: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  }
  // The first admin from STEADYSTATE_ADMIN_EMAIL/_PASSWORD when none exists; sign-in retries it.
  ensureConfiguredAdmin().catch((error) => log.error("accounts: could not create the configured admin", { error: error instanceof Error ? error.message : String(error) }));
  // Data source header values older versions kept in clear text are sealed once a key is set.
  sealStoredDataSourceHeaders().catch((error: unknown) => {
    log.error("data sources: could not seal stored header values", { error: error instanceof Error ? error.message : String(error) });
  });
  if (env().STEADYSTATE_JOBS) {
    startJobs([
      { name: "evaluate-alerts", intervalMs: MINUTE_MS, run: evaluateAlerts },
      { name: "prune-rollups", intervalMs: HOUR_MS, run: pruneRollups },
      { name: "probe-replication", intervalMs: REPLICATION_PROBE_INTERVAL_MS, run: probeReplication },
      NOTIFY_JOB,
      { name: "prune-sessions", intervalMs: HOUR_MS, run: async (now: Date) => void (await deleteExpiredSessions(now)) },
    ]);
  }
}
