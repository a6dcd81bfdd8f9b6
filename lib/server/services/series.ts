import "server-only";
import type { SeriesQuery, SeriesResult } from "@/lib/schemas/series";
import { AppError } from "../errors";
import { flushIngest } from "../ingest/store";
import { log } from "../log";
import * as repo from "../repos/series";

/** One metric's minutes, including every sample acknowledged before the call (on SQLite the applier lags by up to STEADYSTATE_INGEST_APPLY_INTERVAL_MS otherwise). */
export async function findSeriesMinutes(query: SeriesQuery): Promise<SeriesResult[]> {
  try {
    await flushIngest();
  } catch (error) {
    log.error("series: acknowledged samples could not be applied", { error: error instanceof Error ? error.message : String(error) });
    // Answering without them would show a gap where data was acknowledged.
    throw new AppError("UNAVAILABLE", "recent samples cannot be written to the rollups yet; retry shortly");
  }
  return repo.findSeriesMinutes(query);
}
