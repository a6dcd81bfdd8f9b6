import "server-only";
import type { SeriesQuery, SeriesResult } from "@/lib/schemas/series";
import { applyAcknowledgedSamples } from "../ingest/store";
import * as repo from "../repos/series";

/** One metric's minutes, including every sample acknowledged before the call. */
export async function findSeriesMinutes(query: SeriesQuery): Promise<SeriesResult[]> {
  await applyAcknowledgedSamples();
  return repo.findSeriesMinutes(query);
}
