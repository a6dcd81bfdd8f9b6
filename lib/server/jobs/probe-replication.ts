import "server-only";
import { MINUTE_RETENTION_MS } from "@/lib/domain/retention";
import { log } from "../log";
import { listClusters, pruneSamples } from "../repos/replication";
import { probeCluster } from "../services/replication-probe";

/**
 * Probes every cluster that is not paused, all at once: each connection has its own timeout, and
 * a cluster that fails (even past its timeouts) is logged and skipped, never holding up the rest.
 * Samples older than the minute rollups' retention are dropped on the way.
 */
export async function probeReplication(now: Date): Promise<{ clusters: number; failed: number; failovers: number; pruned: number }> {
  const clusters = await listClusters({ isPaused: false });
  const results = await Promise.allSettled(clusters.map((c) => probeCluster(c, now)));
  let failed = 0;
  let failovers = 0;
  results.forEach((r, i) => {
    if (r.status === "fulfilled") failovers += r.value.failovers;
    else {
      failed += 1;
      // warn, not error: an unreachable database is the thing this feature reports, not a bug here.
      log.warn("replication probe failed", { cluster: clusters[i]?.name, error: r.reason instanceof Error ? r.reason.message : String(r.reason) });
    }
  });
  const pruned = await pruneSamples(new Date(now.getTime() - MINUTE_RETENTION_MS));
  return { clusters: clusters.length, failed, failovers, pruned };
}
