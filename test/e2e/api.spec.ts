// Real HTTP against the running app: what a load balancer, Prometheus or a script sees.
import { expect, test } from "@playwright/test";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";

test("health endpoints answer with request ids and security headers", async ({ request }) => {
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(live.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(live.headers()["x-content-type-options"]).toBe("nosniff");
  expect(live.headers()["x-powered-by"]).toBeUndefined();

  const ready = await request.get("/api/health/ready", { headers: { "x-request-id": "lb-probe-1" } });
  expect(ready.status()).toBe(200);
  expect(ready.headers()["x-request-id"]).toBe("lb-probe-1");
  expect(await ready.json()).toMatchObject({ status: "ready", database: { provider: "sqlite" } });
});

test("pages carry a request id too", async ({ request }) => {
  const page = await request.get("/services");
  expect(page.status()).toBe(200);
  expect(page.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("/metrics is Prometheus text with the app's own series", async ({ request }) => {
  await request.get("/api/services");
  const res = await request.get("/metrics");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const text = await res.text();
  expect(text).toMatch(/^steadystate_http_request_duration_seconds_bucket\{le="0\.005",route="\/api\/services",method="GET",status="200"\}/m);
  expect(text).toContain("steadystate_db_query_duration_seconds_count");
  expect(text).toContain("steadystate_process_resident_memory_bytes");
});

test("a service created through the API appears on the Services page", async ({ request, page }) => {
  const slug = `e2e-${Date.now()}`;
  const denied = await request.post("/api/services", { data: { slug, name: "Denied" } });
  expect(denied.status()).toBe(401);
  const created = await request.post("/api/services", {
    data: { slug, name: "Search API", team: "storefront" },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(created.status()).toBe(201);
  const invalid = await request.post("/api/services", { data: { slug: "Bad Slug" }, headers: { authorization: `Bearer ${token}` } });
  expect(invalid.status()).toBe(422);
  const body = await invalid.json();
  expect(body.error.requestId).toBe(invalid.headers()["x-request-id"]);
  await page.goto("/services");
  await expect(page.getByRole("link", { name: "Search API" })).toBeVisible();
});

// The app's server hands ingest POSTs to the route handlers without Next's pipeline
// (scripts/server.mjs); a sender must not be able to tell.
test("ingest on the app's port answers like every API route: headers, request ids, errors", async ({ request }) => {
  const at = Date.now() - 60_000;
  const ok = await request.post("/api/ingest?from=e2e", {
    headers: { authorization: `Bearer ${token}`, "x-request-id": "sender-42", "x-forwarded-proto": "https" },
    data: [{ metric: "e2e_fast_path_total", labels: { job: "e2e" }, samples: [[at, 1], [at + 15_000, 3]] }],
  });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ series: 1, accepted: 2, dropped: {} });
  expect(ok.headers()).toMatchObject({
    "x-request-id": "sender-42",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  expect(ok.headers()["strict-transport-security"]).toMatch(/^max-age=/);

  const anonymous = await request.post("/api/ingest", { data: [] });
  expect(anonymous.status()).toBe(401);
  const bad = await request.post("/api/v1/write", { headers: { authorization: `Bearer ${token}`, "content-type": "application/x-protobuf", "content-encoding": "snappy" }, data: Buffer.from("not snappy") });
  expect(bad.status()).toBe(400);
  const body = (await bad.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error).toMatchObject({ code: "BAD_REQUEST", requestId: bad.headers()["x-request-id"] });
  expect(body.error.message).toMatch(/snappy/);
  expect(bad.headers()["content-security-policy"]).toContain("default-src 'none'");

  // Other methods are Next's, as before.
  expect((await request.get("/api/v1/write", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(405);
  const series = await request.get(`/api/series?metric=e2e_fast_path_total&start=${new Date(at - 60_000).toISOString()}&end=${new Date(at + 120_000).toISOString()}`, { headers: { authorization: `Bearer ${token}` } });
  expect(series.status()).toBe(200);
  const stored = (await series.json()) as { series: { minutes: { increase: number; count: number }[] }[] };
  expect(stored.series.flatMap((s) => s.minutes).reduce((n, m) => n + m.count, 0)).toBe(2);
});
