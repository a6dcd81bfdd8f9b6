// Real Prometheus (Debian's) scrapes a counter this test serves and remote-writes it to the app.
// The app's stored increases must equal, minute by minute, what slo-math.md's rules give for the
// raw samples Prometheus itself recorded; and the counter's reset must count as a reset.
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { rollupSeries } from "@/lib/domain/rollup";
import { startPrometheus } from "../../scripts/prometheus-server.mjs";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";
const METRIC = "e2e_checkout_requests_total";

/** Scrape k (1-based) sees 5k for six scrapes, then the "process restarts": 2, 7, 12, … */
const valueAtScrape = (k: number) => (k <= 6 ? 5 * k : 2 + 5 * (k - 7));

async function serveTarget(): Promise<{ server: Server; address: string; scrapes: () => number }> {
  let scrapes = 0;
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") return res.writeHead(404).end();
    scrapes += 1;
    res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    res.end(`# TYPE ${METRIC} counter\n${METRIC}{route="/pay"} ${valueAtScrape(scrapes)}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { server, address: `127.0.0.1:${port}`, scrapes: () => scrapes };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("Prometheus remote write: stored increases match Prometheus' own raw samples exactly", async ({ request, baseURL }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-prom-"));
  const target = await serveTarget();
  const prometheus = await startPrometheus({
    dir,
    scrapeTargets: [target.address],
    remoteWrite: { url: `${baseURL}/api/v1/write`, bearerToken: token },
  });
  try {
    await until("12 scrapes", async () => (target.scrapes() >= 12 ? true : undefined));
    target.server.close(); // scrapes now fail, so Prometheus also sends stale markers

    const start = Date.now() - 10 * 60_000;
    const raw = await until("Prometheus' raw samples", async () => {
      const res = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(`${METRIC}[10m]`)}`);
      const body = await res.json();
      return body.data?.result?.[0]?.values as [number, string][] | undefined;
    });
    const samples = raw.map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) }));
    expect(samples.length).toBeGreaterThanOrEqual(12);
    // Scrape k returned valueAtScrape(k), so the values Prometheus kept are that sequence.
    expect(samples.map((s) => s.v)).toEqual(samples.map((_, i) => valueAtScrape(i + 1)));

    const expected = rollupSeries(null, samples).minutes.map((c) => ({ start: new Date(c.bucket * 60_000).toISOString(), increase: c.increase, count: c.count }));
    // By hand: four deltas of 5, then the reset's 2 counted whole, then 5 per scrape after it.
    expect(expected.reduce((sum, m) => sum + m.increase, 0)).toBe(25 + 2 + 5 * (samples.length - 7));

    const query = `/api/series?metric=${METRIC}&start=${new Date(start).toISOString()}&end=${new Date(Date.now() + 60_000).toISOString()}`;
    const stored = await until("the app to hold every sample", async () => {
      const body = await (await request.get(query)).json();
      const minutes = body.series?.[0]?.minutes as { start: string; increase: number; count: number }[] | undefined;
      const count = minutes?.reduce((n, m) => n + m.count, 0);
      return count === samples.length ? body.series : undefined;
    });
    expect(stored).toHaveLength(1);
    expect(stored[0].labels).toEqual({ instance: target.address, job: "test", route: "/pay" });
    expect(stored[0].minutes.map((m: { start: string; increase: number; count: number }) => ({ start: m.start, increase: m.increase, count: m.count }))).toEqual(expected);

    const metrics = await (await request.get("/metrics")).text();
    expect(metrics).toMatch(/^steadystate_ingest_samples_accepted_total\{format="remote-write"\} [1-9]/m);
  } finally {
    await prometheus.stop();
    target.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
