// bench/ingest: the same Prometheus remote-write stream sent to Steadystate (its app port, then
// its ingest-only listener, STEADYSTATE_INGEST_LISTEN) and to Debian's Prometheus
// (--web.enable-remote-write-receiver), one after the other on this machine, and their figures
// side by side. Loopback only; bounded in time; asserts nothing.
//   npm run build && npm run bench:ingest -- [--series 10000] [--seconds 20] [--senders 4] [--rounds 200]
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { encodeRemoteWrite } from "../lib/server/ingest/decode/remote-write";
import { freePort } from "../scripts/free-port.mjs";
import { startPrometheus } from "../scripts/prometheus-server.mjs";
import { cpuSeconds, rssBytes } from "./proc";

const { values: opts } = parseArgs({
  options: {
    series: { type: "string", default: "10000" },
    seconds: { type: "string", default: "20" },
    senders: { type: "string", default: "4" },
    "samples-per-request": { type: "string", default: "2000" },
    // Rounds of one sample per series, 15 s apart: 200 stay within the hour behind its newest
    // sample that Prometheus accepts; more make a longer run (Prometheus may then drop the oldest).
    rounds: { type: "string", default: "200" },
    // Writes a V8 CPU profile of the app's server into this folder (open it in Chrome's DevTools).
    profile: { type: "string" },
  },
});
const SERIES = Number(opts.series);
const SECONDS = Number(opts.seconds);
const SENDERS = Number(opts.senders);
const PER_REQUEST = Number(opts["samples-per-request"]);
const SPACING_MS = 15_000;
const ROUNDS = Number(opts.rounds);
const TOKEN = "bench-token-0123456789abcdef";
const HEADERS = { "content-type": "application/x-protobuf", "content-encoding": "snappy", "x-prometheus-remote-write-version": "0.1.0", authorization: `Bearer ${TOKEN}` };

/** `appliedSeconds`: until every acknowledged sample was in the rollups (Steadystate), from the first request. */
type Result = { name: string; samples: number; seconds: number; appliedSeconds: number | null; latencies: number[]; cpu: number; senderCpu: number; peakRss: number; errors: number };

/**
 * Each series always goes to the same sender, and each sender sends its series' samples in time
 * order, one request in flight, as Prometheus' shards do; otherwise Prometheus drops samples as
 * out of order. Payloads are encoded before the clock starts, so the sender's CPU is not timed.
 */
type Payload = { body: Uint8Array<ArrayBuffer>; samples: number };

function payloads(t0: number): Payload[][] {
  return Array.from({ length: SENDERS }, (_, sender) => {
    const mine = Array.from({ length: SERIES }, (_, i) => i).filter((i) => i % SENDERS === sender);
    const requests: Payload[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const t = t0 + round * SPACING_MS;
      for (let from = 0; from < mine.length; from += PER_REQUEST) {
        const series = mine.slice(from, from + PER_REQUEST).map((i) => ({
          labels: { __name__: "bench_requests_total", job: "bench", instance: `host-${i % 100}`, route: `/r/${i}` },
          samples: [{ t, v: round * 10 + (i % 7) }],
        }));
        requests.push({ body: Uint8Array.from(encodeRemoteWrite(series)), samples: series.length });
      }
    }
    return requests;
  });
}

/**
 * One POST over a kept-alive connection with node:http, whose client costs a fraction of fetch's
 * CPU per request: the senders share the machine's cores with the server they measure.
 */
function post(agent: http.Agent, url: URL, body: Uint8Array): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { ...HEADERS, "content-length": String(body.length) } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] as string | undefined }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function drive(name: string, url: string, pid: number, work: Payload[][], untilApplied?: () => Promise<void>): Promise<Result> {
  const latencies: number[] = [];
  let samples = 0;
  let errors = 0;
  const cpuBefore = cpuSeconds(pid);
  const senderBefore = process.cpuUsage();
  let peakRss = rssBytes(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssBytes(pid))), 200);
  const agent = new http.Agent({ keepAlive: true, maxSockets: work.length });
  const target = new URL(url);
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    work.map(async (requests) => {
      for (let i = 0; i < requests.length && performance.now() < deadline; i++) {
        const begin = performance.now();
        const request = requests[i]!;
        const res = await post(agent, target, request.body);
        latencies.push(performance.now() - begin);
        if (res.status === 429) {
          await new Promise((r) => setTimeout(r, Number(res.retryAfter ?? "1") * 1000));
          i -= 1; // resend, as Prometheus does
        } else if (res.status >= 200 && res.status < 300) samples += request.samples;
        else errors += 1;
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const appliedSeconds = untilApplied ? (await untilApplied(), (performance.now() - started) / 1000) : null;
  clearInterval(sampler);
  const sender = process.cpuUsage(senderBefore);
  const senderCpu = (sender.user + sender.system) / 1e6;
  return { name, samples, seconds, appliedSeconds, latencies: latencies.sort((a, b) => a - b), cpu: cpuSeconds(pid) - cpuBefore, senderCpu, peakRss, errors };
}

async function waitReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become ready`);
}

/**
 * A fresh app on its own database; `url` is where ingest goes: the app's port or its ingest-only
 * listener. `untilApplied` returns once every sample acknowledged so far is in the rollups: a
 * read through the API applies them first.
 */
async function startApp(dir: string, viaListener: boolean): Promise<{ url: string; child: ChildProcess; untilApplied: () => Promise<void> }> {
  const port = await freePort();
  const ingestPort = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, `bench-${viaListener ? "listener" : "app"}.db`)}`,
    STEADYSTATE_API_TOKEN: TOKEN,
    STEADYSTATE_INGEST_LISTEN: viaListener ? `127.0.0.1:${ingestPort}` : "",
    LOG_LEVEL: "warn",
    STEADYSTATE_JOBS: "false",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  await new Promise<void>((resolve, reject) =>
    spawn("npm", ["run", "-s", "db:migrate"], { env, stdio: "ignore" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error("migrate failed")))),
  );
  const profile = opts.profile ? `--cpu-prof --cpu-prof-dir=${path.resolve(opts.profile)}` : "";
  const child = spawn("bash", ["scripts/serve.sh", "-H", "127.0.0.1", "-p", String(port)], { env: { ...env, SERVE_NODE_FLAGS: profile }, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/api/health/ready`, child);
  if (viaListener) {
    // It answers 405 to a GET once it listens.
    for (let i = 0; i < 100 && (await fetch(`http://127.0.0.1:${ingestPort}/api/v1/write`).catch(() => null))?.status !== 405; i++) await new Promise((r) => setTimeout(r, 100));
  }
  const untilApplied = async () => {
    const now = new Date();
    const query = new URLSearchParams({ metric: "bench_requests_total", start: new Date(now.getTime() - 60_000).toISOString(), end: now.toISOString() });
    const res = await fetch(`${url}/api/series?${query}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (!res.ok) throw new Error(`GET /api/series answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  return { url: viaListener ? `http://127.0.0.1:${ingestPort}` : url, child, untilApplied };
}

function row(r: Result): string[] {
  const rate = r.samples / r.seconds;
  return [r.name, `${Math.round(rate).toLocaleString("en")}`, r.appliedSeconds === null ? "-" : Math.round(r.samples / r.appliedSeconds).toLocaleString("en"), `${percentile(r.latencies, 50).toFixed(1)}`, `${percentile(r.latencies, 99).toFixed(1)}`, `${(r.cpu / r.seconds).toFixed(2)}`, `${(r.senderCpu / r.seconds).toFixed(2)}`, `${Math.round(r.peakRss / 2 ** 20)}`, `${r.samples.toLocaleString("en")}`, `${r.errors}`];
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-bench-"));
  const t0 = Date.now() - ROUNDS * SPACING_MS - 60_000;
  console.log(`remote write: ${SERIES} series, ${SENDERS} senders, ${PER_REQUEST} samples/request, ${SPACING_MS / 1000} s spacing, ${SECONDS} s per target, ${os.cpus().length} cores`);
  const results: Result[] = [];
  for (const viaListener of [false, true]) {
    const app = await startApp(dir, viaListener);
    try {
      const name = viaListener ? "steadystate, ingest listener" : "steadystate, app port";
      results.push(await drive(name, `${app.url}/api/v1/write`, app.child.pid!, payloads(t0), app.untilApplied));
    } finally {
      app.child.kill("SIGTERM");
      await new Promise((r) => app.child.once("exit", r));
    }
  }
  const prometheus = await startPrometheus({ dir: path.join(dir, "prom"), args: ["--web.enable-remote-write-receiver"] });
  try {
    results.push(await drive("prometheus 2.42", `${prometheus.url}/api/v1/write`, prometheus.pid, payloads(t0)));
  } finally {
    await prometheus.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ["target", "samples/s", "applied/s", "p50 ms", "p99 ms", "CPU cores", "senders' cores", "peak RSS MiB", "samples", "errors"];
  const table = [header, ...results.map(row)];
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  for (const r of table) console.log(r.map((cell, c) => cell.padStart(widths[c]!)).join("  "));
  const [viaApp, viaListener, theirs] = results.map((r) => r.samples / r.seconds);
  console.log(`\nratio steadystate / prometheus: app port ${(viaApp! / theirs!).toFixed(3)}, ingest listener ${(viaListener! / theirs!).toFixed(3)}`);
  console.log("samples/s: acknowledged (durable); applied/s: the same samples over the time until all were in the rollups as well");
  console.log("(Steadystate on SQLite's embedded default; the three one after the other, this machine's cores shared with the senders)");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
