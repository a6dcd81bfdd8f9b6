// Dashboards: npm run bench:overview
// Seeds BENCH_SLOS SLOs (default 1,000) over BENCH_DAYS days (default 30) of 1-minute data, as
// bench:slo does, starts the built app (`npx next build` first; jobs off) and loads the overview
// (/) and the SLO list (/slos) in Debian's Chromium through playwright-core: per load, the time to
// first byte and to the end of the HTML (Navigation Timing) and the largest contentful paint
// (PerformanceObserver), plus the HTML's size. "cold" is the first load after the app started
// (nothing summed yet); then BENCH_RUNS warm loads. Prints a table; asserts nothing (style.md).
// A quick run: BENCH_SLOS=100 BENCH_DAYS=3 npm run bench:overview. BENCH_DB=/path/bench.db keeps the
// seeded database there and reuses it on the next run (seeding 1,000 × 30 days takes minutes).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { freePort } from "../scripts/free-port.mjs";
import { seedSqlite, seriesOfSlo } from "./slo-seed";

const SLOS = Number(process.env.BENCH_SLOS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PAGES = ["/", "/slos"];
const MIN = 60_000;

const dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-bench-overview-"));
const file = process.env.BENCH_DB ?? path.join(dir, "bench.db");
const reuse = existsSync(file);
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "error";
process.env.STEADYSTATE_JOBS = "false";
// The pages need a signed-in viewer: demo mode signs every visitor in as one (a read-only viewer).
process.env.STEADYSTATE_DEMO = "true";
process.env.NEXT_TELEMETRY_DISABLED = "1";

type Load = { page: string; run: string; ttfb: number; html: number; lcp: number | null; bytes: number; rows: number };

async function seed() {
  if (reuse) {
    console.log(`… reusing the seeded ${file}`);
    return;
  }
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/db-migrate.ts"], { stdio: "ignore", env: process.env });
  const started = performance.now();
  const { rows } = seedSqlite(file, { slos: SLOS, days: DAYS, end: Math.floor(Date.now() / MIN) * MIN });
  console.log(`… seeded ${SLOS} SLOs × ${DAYS} days: ${rows.toLocaleString("en-US")} rollup rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // Imported after DATABASE_URL is set (env is read once); the script runs as CommonJS.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createService } = require("../lib/server/services/services") as typeof import("../lib/server/services/services");
  const { createSlo } = require("../lib/server/services/slos") as typeof import("../lib/server/services/slos");
  /* eslint-enable @typescript-eslint/no-require-imports */
  await createService({ slug: "bench", name: "Bench" });
  for (let i = 0; i < SLOS; i++) {
    const { requests, errors } = seriesOfSlo(i);
    await createSlo({
      name: `slo ${i}`, service: "bench", objective: i % 3 === 0 ? "0.999" : "0.99", window: { kind: "rolling", days: DAYS }, labels: {},
      sli: { kind: "ratio", bad: { metric: errors.metric, matchers: errors.labels }, total: { metric: requests.metric, matchers: requests.labels } },
    });
  }
}

async function startApp(): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn("bash", ["scripts/serve.sh", "-H", "127.0.0.1", "-p", String(port)], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (let k = 0; ; k++) {
    if ((await fetch(`${base}/api/health/live`).catch(() => null))?.ok) break;
    if (k > 600) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, server };
}

async function load(browser: Browser, url: string): Promise<Omit<Load, "page" | "run">> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    const bytes = (await response!.body()).byteLength;
    const timing = await page.evaluate(async () => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      // The last LCP candidate reported so far; none is reported after the first input.
      const lcp = await new Promise<number | null>((resolve) => {
        let last: number | null = null;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) last = entry.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(last), 500);
      });
      return { ttfb: nav.responseStart, html: nav.responseEnd, lcp, rows: document.querySelectorAll("table.data tbody tr").length };
    });
    return { ...timing, bytes };
  } finally {
    await context.close();
  }
}

const ms = (t: number | null) => (t === null ? "—" : `${Math.round(t)} ms`);

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no build in .next: run `npx next build` first");
  await seed();
  if (process.env.BENCH_SEED_ONLY === "1") return;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  const loads: Load[] = [];
  try {
    for (const pagePath of PAGES) {
      // A fresh app per page, so that page's first load pays the cold start of the rollup cache.
      const { base, server } = await startApp();
      try {
        loads.push({ page: pagePath, run: "cold", ...(await load(browser, base + pagePath)) });
        for (let k = 1; k <= RUNS; k++) loads.push({ page: pagePath, run: `warm ${k}`, ...(await load(browser, base + pagePath)) });
      } finally {
        server.kill("SIGTERM");
      }
    }
  } finally {
    await browser.close();
  }
  // The machine is shared: its load says how far these figures are from a quiet one.
  console.log(`\n${SLOS} SLOs × ${DAYS}-day windows, embedded SQLite, built app, Debian's Chromium (1280×800); load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  console.log("| page | load | TTFB | HTML done | LCP | HTML | rows |");
  console.log("|---|---|---|---|---|---|---|");
  for (const l of loads) console.log(`| ${l.page} | ${l.run} | ${ms(l.ttfb)} | ${ms(l.html)} | ${ms(l.lcp)} | ${(l.bytes / 1024).toFixed(0)} KiB | ${l.rows} |`);
  for (const pagePath of PAGES) {
    const warm = loads.filter((l) => l.page === pagePath && l.run !== "cold");
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`${pagePath}: warm median TTFB ${ms(median(warm.map((l) => l.ttfb)))}, HTML ${ms(median(warm.map((l) => l.html)))}, LCP ${ms(median(warm.map((l) => l.lcp ?? NaN)))}`);
  }
}

void main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
