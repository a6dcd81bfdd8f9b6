// SLO evaluation: npm run bench:slo
// Seeds BENCH_SLOS SLOs (default 1,000) over BENCH_DAYS days (default 30) of 1-minute data on the
// embedded SQLite store, then prints the time of GET /api/slos (cold, warm, first of a new
// minute) and p50/p99 of GET /api/slos/{id} against the built app over HTTP (`npx next build`
// first; BENCH_HTTP=0 measures in-process instead, and says so), the straightforward per-SLO
// counting it replaced, and the same questions asked of Debian's Prometheus holding the same
// samples (BENCH_PROMETHEUS=0 skips it). Prints figures; asserts nothing (style.md).
// A quick run: BENCH_SLOS=50 BENCH_DAYS=3 npm run bench:slo
// Repeated runs: BENCH_DB=/tmp/x.db seeds that file once and keeps it; later runs reuse it (the
// data then ends where it was seeded, and windows keep moving). BENCH_WARM sets the warm requests.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../scripts/free-port.mjs";
import { cpuSeconds } from "./proc";
import { startPrometheus } from "../scripts/prometheus-server.mjs";
import { prometheusBatches, seedSqlite, seriesOfSlo } from "./slo-seed";

const SLOS = Number(process.env.BENCH_SLOS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const DETAIL_REQUESTS = Number(process.env.BENCH_DETAIL_REQUESTS ?? 100);
const STRAIGHT_SAMPLE = Math.min(SLOS, Number(process.env.BENCH_STRAIGHT_SLOS ?? 50));
const USE_HTTP = process.env.BENCH_HTTP !== "0";
const USE_PROMETHEUS = process.env.BENCH_PROMETHEUS !== "0";
const WARM = Number(process.env.BENCH_WARM ?? 5);
const KEPT_DB = process.env.BENCH_DB;
const MIN = 60_000;

const dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-bench-slo-"));
const file = KEPT_DB ? path.resolve(KEPT_DB) : path.join(dir, "bench.db");
const reused = KEPT_DB !== undefined && existsSync(file);
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "error";
process.env.STEADYSTATE_JOBS = "false";
// Reads need a token (README "Accounts and access"): the bench is its bootstrap token's only caller.
const TOKEN = "bench-slo-token-0123456789abcdef";
process.env.STEADYSTATE_API_TOKEN = TOKEN;
const ms = (t: number) => `${t.toFixed(t < 10 ? 1 : 0)} ms`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const time = async <T>(run: () => Promise<T>): Promise<[number, T]> => {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
};
const step = (label: string) => console.log(`… ${label}`);

async function main() {
  const end = Math.floor(Date.now() / MIN) * MIN;
  const shape = { slos: SLOS, days: DAYS, end };
  if (!reused) {
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/db-migrate.ts"], { stdio: "ignore", env: process.env });
    step(`seeding ${SLOS} SLOs × ${DAYS} days of 1-minute data into SQLite`);
    const [seedMs, { rows }] = await time(async () => seedSqlite(file, shape));
    console.log(`  ${rows.toLocaleString("en-US")} rollup rows in ${(seedMs / 1000).toFixed(1)} s`);
  } else step(`reusing ${file} (seeded earlier; its data ends where it was seeded)`);

  // Imported after DATABASE_URL is set (env is read once); the script runs as CommonJS.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createService } = require("../lib/server/services/services") as typeof import("../lib/server/services/services");
  const { createSlo, listSloStatuses, getSloStatus } = require("../lib/server/services/slos") as typeof import("../lib/server/services/slos");
  const { straightCounts } = require("./slo-straight") as typeof import("./slo-straight");
  const { listSlos } = require("../lib/server/repos/slos") as typeof import("../lib/server/repos/slos");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ids: string[] = reused ? (await listSlos()).map((slo) => slo.id) : [];
  if (!reused) await createService({ slug: "bench", name: "Bench" });
  for (let i = 0; i < (reused ? 0 : SLOS); i++) {
    const names = seriesOfSlo(i);
    const slo = await createSlo({
      name: `slo ${i}`, service: "bench", objective: i % 3 === 0 ? "0.999" : "0.99", window: { kind: "rolling", days: DAYS }, labels: {},
      sli: { kind: "ratio", bad: { metric: names.errors.metric, matchers: names.errors.labels }, total: { metric: names.requests.metric, matchers: names.requests.labels } },
    });
    ids.push(slo.id);
  }

  console.log(`\nEmbedded store (SQLite), ${SLOS} SLOs, ${DAYS}-day windows`);
  // Before: each SLO counted on its own, head minutes + hours + tail minutes per window and
  // series, through Prisma (the code this branch replaced), on a sample of SLOs.
  const [straightMs] = await time(async () => {
    for (let i = 0; i < STRAIGHT_SAMPLE; i++) await straightCounts(seriesOfSlo(i), DAYS, new Date());
  });
  const perSlo = straightMs / STRAIGHT_SAMPLE;
  console.log(`  before (straightforward, in-process, ${STRAIGHT_SAMPLE} SLOs): ${ms(perSlo)} per SLO → ${ms(perSlo * SLOS)} for the list`);

  const detailIds = Array.from({ length: DETAIL_REQUESTS }, (_, k) => ids[(k * 7919) % ids.length]!);
  if (USE_HTTP && existsSync(".next/BUILD_ID")) {
    await overHttp(detailIds);
  } else {
    console.log(`  (measured in-process, not over HTTP: ${USE_HTTP ? "no build in .next; run npx next build first" : "BENCH_HTTP=0"})`);
    const [cold] = await time(() => listSloStatuses(new Date()));
    const warm = [];
    for (let k = 0; k < WARM; k++) warm.push((await time(() => listSloStatuses(new Date())))[0]);
    console.log(`  GET /api/slos cold: ${ms(cold)}; warm: ${warm.map(ms).join(", ")}`);
    const details = [];
    for (const id of detailIds) details.push((await time(() => getSloStatus(id, new Date())))[0]);
    details.sort((a, b) => a - b);
    console.log(`  GET /api/slos/{id} (default step): p50 ${ms(pct(details, 50))}, p99 ${ms(pct(details, 99))}`);
  }
  if (USE_PROMETHEUS) await againstPrometheus(shape, detailIds.length);
  rmSync(dir, { recursive: true, force: true }); // a BENCH_DB file lives outside it
}

async function overHttp(detailIds: string[]) {
  const port = await freePort();
  const server = spawn("bash", ["scripts/serve.sh", "-H", "127.0.0.1", "-p", String(port)], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let k = 0; ; k++) {
      if ((await fetch(`${base}/api/health/live`).catch(() => null))?.ok) break;
      if (k > 600) throw new Error("the app did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    // Loads the SLO route modules, so "cold" below is the evaluation's cold start, not Next's.
    await fetch(`${base}/api/slos/none`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const get = async (p: string) => {
      const [t, res] = await time(() => fetch(base + p, { headers: { authorization: `Bearer ${TOKEN}` } }));
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
      return [t + 0, bytes] as const;
    };
    const [cold, bytes] = await get("/api/slos");
    const warm = [];
    // The server's own CPU time per request too: on a shared machine wall time mostly measures the
    // others' load, CPU time much less so (10 ms ticks).
    const cpu = [];
    for (let k = 0; k < WARM; k++) {
      const before = cpuSeconds(server.pid!);
      warm.push((await get("/api/slos"))[0]);
      cpu.push((cpuSeconds(server.pid!) - before) * 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`  GET /api/slos over HTTP (${(bytes / 1e6).toFixed(1)} MB): cold ${ms(cold)}; warm ${warm.map(ms).join(", ")} (median ${ms(median(warm))}; load ${os.loadavg()[0]!.toFixed(2)})`);
    console.log(`  server CPU time per warm GET /api/slos: ${cpu.map(ms).join(", ")} (median ${ms(median(cpu))})`);
    await new Promise((r) => setTimeout(r, MIN - (Date.now() % MIN) + 1000));
    console.log(`  GET /api/slos, first request of the next minute (windows moved, no alert job): ${ms((await get("/api/slos"))[0])}`);
    const details = [];
    for (const id of detailIds) details.push((await get(`/api/slos/${id}`))[0]);
    details.sort((a, b) => a - b);
    console.log(`  GET /api/slos/{id} over HTTP (default step), ${details.length} SLOs: p50 ${ms(pct(details, 50))}, p99 ${ms(pct(details, 99))}`);
  } finally {
    server.kill("SIGTERM");
  }
}

async function againstPrometheus(shape: { slos: number; days: number; end: number }, detailCount: number) {
  console.log(`\nDebian's Prometheus, the same samples`);
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { encodeRemoteWrite } = require("../lib/server/ingest/decode/remote-write") as typeof import("../lib/server/ingest/decode/remote-write");
  const promDir = path.join(dir, "prometheus");
  const prometheus = await startPrometheus({ dir: promDir, args: ["--web.enable-remote-write-receiver", "--storage.tsdb.retention.time=400d"] });
  try {
    const [loadMs] = await time(async () => {
      for (const batch of prometheusBatches(shape)) {
        const res = await fetch(`${prometheus.url}/api/v1/write`, { method: "POST", body: new Uint8Array(encodeRemoteWrite(batch)), headers: { "content-type": "application/x-protobuf", "content-encoding": "snappy" } });
        if (res.status !== 204) throw new Error(`remote write: HTTP ${res.status} ${await res.text()}`);
      }
    });
    console.log(`  loaded by remote write in time order in ${(loadMs / 1000).toFixed(1)} s`);
    const at = shape.end / 1000;
    const query = async (q: string, params: Record<string, string> = { time: String(at) }, kind = "query") => {
      const [t, res] = await time(() => fetch(`${prometheus.url}/api/v1/${kind}?${new URLSearchParams({ query: q, ...params })}`));
      const body = (await res.json()) as { status: string; error?: string };
      if (body.status !== "success") throw new Error(`${q}: ${body.error}`);
      return t;
    };
    const windows = [`${shape.days}d`, "5m", "30m", "1h", "2h", "6h", "1d", "3d"];
    const questions = windows.flatMap((w) => ["bench_requests_total", "bench_errors_total"].map((m) => `sum by (slo) (increase(${m}[${w}]))`));
    for (const round of ["cold", "warm"]) {
      const [all] = await time(() => Promise.all(questions.map((q) => query(q))));
      console.log(`  the list's questions for all SLOs at once (${questions.length} queries, sum by (slo), in parallel), ${round}: ${ms(all)}`);
    }
    const perSlo = [];
    for (let i = 0; i < Math.min(50, shape.slos); i++) {
      const qs = windows.flatMap((w) => ["bench_requests_total", "bench_errors_total"].map((m) => `sum(increase(${m}{slo="s${i}"}[${w}]))`));
      perSlo.push((await time(() => Promise.all(qs.map((q) => query(q)))))[0]);
    }
    const mean = perSlo.reduce((a, b) => a + b, 0) / perSlo.length;
    console.log(`  per SLO as the Prometheus data source asks (16 instant queries): ${ms(mean)} per SLO → ${ms(mean * shape.slos)} for the list`);
    const range = { start: String(at - shape.days * 86_400 + 3600), end: String(at), step: "3600" };
    const details = [];
    for (let k = 0; k < detailCount; k++) {
      const i = (k * 7919) % shape.slos;
      const [t] = await time(() => Promise.all(["bench_requests_total", "bench_errors_total"].map((m) => query(`sum(increase(${m}{slo="s${i}"}[1h]))`, range, "query_range"))));
      details.push(t);
    }
    details.sort((a, b) => a - b);
    console.log(`  one SLO's hourly series (2 range queries, 720 points): p50 ${ms(pct(details, 50))}, p99 ${ms(pct(details, 99))}`);
  } finally {
    await prometheus.stop();
  }
}

void main().catch((error) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
