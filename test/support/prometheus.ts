// A real Prometheus holding the same counter samples as the embedded store, for the tests that
// cross-check the two data sources (README "Data sources").
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encodeRemoteWrite } from "@/lib/server/ingest/decode/remote-write";
import { storeSamples } from "@/lib/server/ingest/store";
import { startPrometheus } from "../../scripts/prometheus-server.mjs";

export type TestSeries = { metric: string; labels: Record<string, string>; samples: { t: number; v: number }[] };

/** Starts Prometheus with remote write on, writes the series to it and to the embedded store. */
export async function prometheusWith(name: string, series: TestSeries[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `steadystate-${name}-`));
  const prometheus = await startPrometheus({ dir, args: ["--web.enable-remote-write-receiver"] });
  const body = encodeRemoteWrite(series.map((s) => ({ labels: { __name__: s.metric, ...s.labels }, samples: s.samples })));
  const res = await fetch(`${prometheus.url}/api/v1/write`, { method: "POST", body: new Uint8Array(body), headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy" } });
  if (res.status !== 204) throw new Error(`remote write: HTTP ${res.status} ${await res.text()}`);
  await storeSamples(series);
  return {
    url: prometheus.url,
    stop: () => prometheus.stop(),
    /** Stops it and removes its data. */
    async close() {
      await prometheus.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whole steps of a scrape interval ending at the last whole step before now. */
export function scrapeTimes(stepMs: number, steps: number, end = Math.floor(Date.now() / stepMs) * stepMs) {
  return { end, start: end - steps * stepMs, times: Array.from({ length: steps + 1 }, (_, i) => end - (steps - i) * stepMs) };
}
