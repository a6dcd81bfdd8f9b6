// STEADYSTATE_INGEST_LISTEN's listener (lib/server/ingest/listener.ts): the app's own ingest
// routes over a plain node:http server, over real HTTP on loopback, with the same tokens, answers
// and storage as the app's port.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { encodeRemoteWrite } from "@/lib/server/ingest/decode/remote-write";
import { type IngestListener, listenForIngest } from "@/lib/server/ingest/listener";
import { flushIngest } from "@/lib/server/ingest/store";
import { TEST_API_TOKEN } from "../support/setup-db";

const T = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
const RW_HEADERS = { "content-type": "application/x-protobuf", "content-encoding": "snappy" };
let listener: IngestListener;

beforeAll(async () => {
  listener = await listenForIngest("127.0.0.1", 0);
});
afterAll(() => listener.close());

const minutes = async (metric: string) => {
  await flushIngest();
  return db().rollup1m.findMany({ where: { series: { metric } }, orderBy: { minute: "asc" }, select: { increase: true, count: true } });
};

describe("the ingest-only listener", () => {
  it("stores remote write with a token (204), and the retry adds nothing", async () => {
    const body = Uint8Array.from(encodeRemoteWrite([{ labels: { __name__: "listener_total", job: "a" }, samples: [{ t: T, v: 1 }, { t: T + 15_000, v: 4 }] }]));
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${listener.url}/api/v1/write`, { method: "POST", headers: { ...RW_HEADERS, authorization: `Bearer ${TEST_API_TOKEN}` }, body });
      expect(res.status).toBe(204);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect(await minutes("listener_total")).toEqual([{ increase: 3, count: 2 }]);
  });

  it("answers the JSON endpoint exactly as the app does, and refuses what the app refuses", async () => {
    const json = [{ metric: "listener_json_total", samples: [[T, 1], [T + 15_000, 2]] }];
    const ok = await fetch(`${listener.url}/api/ingest`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TEST_API_TOKEN}` }, body: JSON.stringify(json) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ series: 1, accepted: 2, dropped: {} });
    const anonymous = await fetch(`${listener.url}/api/ingest`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ metric: "listener_anon_total", samples: [[T, 1]] }]) });
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${listener.url}/api/v1/write`, { method: "POST", headers: { ...RW_HEADERS, authorization: `Bearer ${TEST_API_TOKEN}` }, body: "not snappy" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/snappy/);
    expect(await minutes("listener_anon_total")).toEqual([]);
  });

  it("serves nothing else: 405 with Allow for another method, 404 for another path", async () => {
    const get = await fetch(`${listener.url}/api/v1/write`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const page = await fetch(`${listener.url}/slos`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });
    expect(page.status).toBe(404);
    expect(((await page.json()) as { error: { message: string } }).error.message).toMatch(/serves only POST \/api\/v1\/write, \/otlp\/v1\/metrics, \/api\/ingest/);
  });

  it("closes a kept-alive connection it answered before reading the body, so the next request is not stalled behind it", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (path: string, body: Buffer, headers: Record<string, string>) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = http.request(new URL(path, listener.url), { method: "POST", agent, headers: { ...headers, "content-length": String(body.length) } }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      // 2 MB refused for want of a token, before a byte of it is read.
      const refused = await post("/api/ingest", Buffer.alloc(2 * 1024 * 1024, 0x20), { "content-type": "application/json" });
      expect(refused).toEqual({ status: 401, connection: "close" });
      const json = Buffer.from(JSON.stringify([{ metric: "listener_after_refusal_total", samples: [[T, 1]] }]));
      const ok = await post("/api/ingest", json, { "content-type": "application/json", authorization: `Bearer ${TEST_API_TOKEN}` });
      expect(ok).toEqual({ status: 200, connection: "keep-alive" });
    } finally {
      agent.destroy();
    }
  }, 10_000);

  it("takes an absolute-form request target as its path", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(listener.url);
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: `http://ingest.example/api/ingest`, headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("[]");
    });
    expect(status).toBe(401); // the ingest route's answer without a token, not a 404
  });
});
