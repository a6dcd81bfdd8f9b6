// Real opossum in a small service, scraped by a real Prometheus (Debian's) every second, which
// remote-writes to the app's /api/v1/write. The test makes the service's dependency fail and
// recover; the app must show open, then half-open, then closed, each transition within one
// scrape interval after the moment the breaker really changed.
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { GET as detailRoute } from "@/app/api/breakers/[id]/route";
import { GET as listRoute } from "@/app/api/breakers/route";
import { POST as remoteWrite } from "@/app/api/v1/write/route";
import { startPrometheus, type StartedPrometheus } from "../../scripts/prometheus-server.mjs";
import { call } from "../support/http";
import { startOpossumService, type OpossumService } from "../support/opossum-service";
import { resetDatabase } from "../support/reset-db";
import { TEST_API_TOKEN } from "../support/setup-db";

const SCRAPE_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let app: Server;
let prometheus: StartedPrometheus;
let service: OpossumService;
let dir: string;

/** The app's remote-write route behind a real HTTP listener, as Prometheus needs one. */
async function serveApp(): Promise<string> {
  app = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
    const response = await remoteWrite(request, { params: Promise.resolve({}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(app.address() as { port: number }).port}/api/v1/write`;
}

beforeAll(async () => {
  await resetDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-breakers-prom-"));
  service = await startOpossumService({ name: "inventory", resetTimeoutMs: 3000 });
  prometheus = await startPrometheus({ dir, scrapeTargets: [service.address], scrapeIntervalSeconds: SCRAPE_MS / 1000, remoteWrite: { url: await serveApp(), bearerToken: TEST_API_TOKEN } });
});

afterAll(async () => {
  await prometheus?.stop();
  await service?.close();
  await new Promise((r) => app?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

type Summary = { id: string; key: string; state: string; rejectedTotal: number; transitions: { at: string; to: string }[] };
async function breaker(): Promise<Summary | undefined> {
  const res = await call(listRoute, { path: "/api/breakers?range=1h" });
  return ((await res.json()) as { breakers: Summary[] }).breakers.find((b) => b.key === "test/inventory/inventory");
}

/** Calls the dependency through the breaker every 100 ms until `done`; failures are expected. */
async function traffic(until: () => boolean, pauseWhile: () => boolean = () => false) {
  while (!until()) {
    if (!pauseWhile()) await service.breaker.fire().catch(() => undefined);
    await sleep(100);
  }
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${prometheus.log()}`);
    await sleep(250);
  }
}

it("shows open, half-open, then closed within one scrape interval of the real transitions", { timeout: 90_000 }, async () => {
  // The truth for rejected calls: opossum creates its `reject` series at the first one.
  let rejects = 0;
  service.breaker.on("reject", () => (rejects += 1));
  // Healthy traffic first, so the circuit's series exist before it trips (as in production).
  const healthyUntil = Date.now() + 3000;
  await traffic(() => Date.now() > healthyUntil);
  expect((await waitFor("the breaker to appear, closed", async () => ((await breaker())?.state === "closed" ? true : undefined)))).toBe(true);

  service.setDependencyHealthy(false);
  await traffic(() => service.breaker.opened);
  // Recover while open; the probe waits 2 s in half-open so the app can see that state too.
  service.setDependencyHealthy(true);
  let halfOpenSince = 0;
  await traffic(
    () => service.truth.some((t) => t.event === "close"),
    () => {
      if (!service.breaker.halfOpen) return false;
      halfOpenSince ||= Date.now();
      return Date.now() - halfOpenSince < 2000;
    },
  );
  await waitFor("open, half-open, closed in the app", async () => {
    const b = await breaker();
    return b && b.transitions.length >= 3 && b.state === "closed" ? true : undefined;
  });

  const b = (await breaker())!;
  const truth = service.truth.map((t) => ({ to: { open: "open", halfOpen: "half-open", close: "closed" }[t.event], at: t.at }));
  expect(b.transitions.map((t) => t.to)).toEqual(truth.map((t) => t.to));
  expect(truth.map((t) => t.to)).toEqual(["open", "half-open", "closed"]);
  for (const [i, t] of b.transitions.entries()) {
    const lag = new Date(t.at).getTime() - truth[i]!.at;
    // The sample that shows the change is the first scrape after it: never before, at most one interval later.
    expect(lag, `${t.to}: app ${t.at}, truth ${new Date(truth[i]!.at).toISOString()}`).toBeGreaterThanOrEqual(-5);
    expect(lag).toBeLessThanOrEqual(SCRAPE_MS + 5);
  }

  // Every rejected call is counted, the first scrape's value of the lazily created counter included.
  // Prometheus may send one scrape's series in separate remote-write requests, so the count can
  // arrive just after the transition that ended the rejections: wait for it, then compare exactly.
  expect(rejects).toBeGreaterThan(0);
  const rejectedInRange = async () => {
    const detail = await call(detailRoute, { path: `/api/breakers/${b.id}?range=1h`, params: { id: b.id } });
    return ((await detail.json()) as { breaker: { rejectedInRange: number } }).breaker.rejectedInRange;
  };
  const counted = await waitFor("every rejected call counted", async () => {
    const [total, inRange] = [(await breaker())!.rejectedTotal, await rejectedInRange()];
    return total >= rejects && inRange >= rejects ? { total, inRange } : undefined;
  }, 10_000).catch(async () => ({ total: (await breaker())!.rejectedTotal, inRange: await rejectedInRange() }));
  expect(counted).toEqual({ total: rejects, inRange: rejects });
});
