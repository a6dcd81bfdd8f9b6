// Sample store write rate: npm run bench:store -- [seconds per shape]
// Prints samples/s acknowledged durably (storeSamples resolved) and samples/s applied (in the
// rollups), per batch shape, and peak RSS. Asserts nothing (style.md "Benchmarks are not tests").
// Several senders keep requests in flight, as remote-write shards do, and back off on a full
// queue as a sender would on 429. Timestamps step 15 s (Prometheus' default scrape interval), so
// each series-minute receives four samples, as it would in production.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { StoreSeries } from "../lib/server/ingest/store";

const SECONDS = Number(process.argv[2] ?? 12);
const SENDERS = 4;
const STEP_MS = 15_000;
const QUEUE_SAMPLES = 2_000_000;

type Shape = { name: string; seriesTotal: number; seriesPerBatch: number; samplesPerSeries: number };
const SHAPES: Shape[] = [
  { name: "10,000 series x 1 sample, 10,000 series", seriesTotal: 10_000, seriesPerBatch: 10_000, samplesPerSeries: 1 },
  { name: "2,000 series x 5 samples, 2,000 series", seriesTotal: 2_000, seriesPerBatch: 2_000, samplesPerSeries: 5 },
  { name: "2,000 series x 5 samples, 10,000 series", seriesTotal: 10_000, seriesPerBatch: 2_000, samplesPerSeries: 5 },
  { name: "1,000 series x 1 sample, 1,000 series", seriesTotal: 1_000, seriesPerBatch: 1_000, samplesPerSeries: 1 },
];

const dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-bench-"));
const file = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "error";
process.env.STEADYSTATE_INGEST_QUEUE_SAMPLES = String(QUEUE_SAMPLES);
execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/db-migrate.ts"], { stdio: "ignore", env: process.env });

// Imported after DATABASE_URL is set (env is read once); the script runs as CommonJS, hence require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { flushIngest, ingestBacklogSamples, storeSamples, closeIngest } = require("../lib/server/ingest/store") as typeof import("../lib/server/ingest/store");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QueueFullError, WriteQueue } = require("../lib/server/ingest/queue") as typeof import("../lib/server/ingest/queue");
const queue = new WriteQueue(QUEUE_SAMPLES, ingestBacklogSamples);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rate = (samples: number, ms: number) => `${Math.round(samples / (ms / 1000)).toLocaleString("en-US")}/s`;

async function run(shape: Shape, shapeIndex: number) {
  // Each shape writes its own metric, starting at its own time, so shapes do not judge each other's samples.
  const labels = Array.from({ length: shape.seriesTotal }, (_, i) => ({ instance: `host-${i % 97}:9100`, job: "node", shard: String(i) }));
  const groups = shape.seriesTotal / shape.seriesPerBatch;
  const t0 = Date.UTC(2026, 0, 1) + shapeIndex * 30 * 86_400_000;
  let next = 0;
  let acknowledged = 0;
  let refused = 0;
  let dropped = 0; // a batch retried after a 429 may arrive behind a later one: out of order
  const batchOf = (n: number): StoreSeries[] => {
    const group = n % groups;
    const round = Math.floor(n / groups);
    return Array.from({ length: shape.seriesPerBatch }, (_, i) => {
      const series = group * shape.seriesPerBatch + i;
      const samples = Array.from({ length: shape.samplesPerSeries }, (_, k) => {
        const step = round * shape.samplesPerSeries + k;
        return { t: t0 + step * STEP_MS, v: step * (1 + (series % 7)) };
      });
      return { metric: `bench_${shapeIndex}_requests_total`, labels: labels[series]!, samples };
    });
  };
  const samplesPerBatch = shape.seriesPerBatch * shape.samplesPerSeries;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
    const sender = async () => {
    while (performance.now() < deadline) {
      const n = next++;
      const batch = batchOf(n);
      for (;;) {
        try {
          const result = await queue.run(samplesPerBatch, () => storeSamples(batch));
          acknowledged += result.accepted;
          dropped += samplesPerBatch - result.accepted;
          break;
        } catch (error) {
          if (!(error instanceof QueueFullError)) throw error;
          refused += 1;
          await sleep(20);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  const ackedMs = performance.now() - started;
  await flushIngest();
  const appliedMs = performance.now() - started;
  console.log(`${shape.name}`);
  console.log(`  acknowledged durably: ${acknowledged.toLocaleString("en-US")} samples in ${(ackedMs / 1000).toFixed(1)} s = ${rate(acknowledged, ackedMs)}`);
  console.log(`  applied to rollups:   ${rate(acknowledged, appliedMs)} (all applied ${((appliedMs - ackedMs) / 1000).toFixed(2)} s after the last ack); 429s: ${refused}, samples dropped: ${dropped}`);
}

async function main() {
  for (const [i, shape] of SHAPES.entries()) await run(shape, i);
  await closeIngest();
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
