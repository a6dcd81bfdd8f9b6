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
