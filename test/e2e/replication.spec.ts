import { expect, test, type Page } from "@playwright/test";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";
const headers = { authorization: `Bearer ${token}` };

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.goto("/");
  await page.evaluate((t) => localStorage.setItem("steadystate-theme", t), theme);
}

type Cluster = { id: string; name: string };

for (const theme of ["light", "dark"] as const) {
  test(`the overview and a cluster's page show the demo history (${theme})`, async ({ page, request }) => {
    await setTheme(page, theme);
    await page.goto("/replication");
    await expect(page.getByRole("heading", { level: 1, name: "Replication" })).toBeVisible();
    const table = page.getByRole("table");
    await expect(table.getByRole("link", { name: "orders-db" })).toBeVisible();
    await expect(table.getByRole("row", { name: /ledger-replica/ })).toContainText("Stopped");
    await expect(table.getByRole("row", { name: /orders-db-3/ })).toContainText("OK");
    await expect(table.getByRole("img", { name: /orders-db-3 lag over the last hour/ })).toBeVisible();
    await page.screenshot({ path: `test/e2e/screenshots/replication-overview-${theme}.png`, fullPage: true });

    const { clusters } = (await (await request.get("/api/replication/clusters")).json()) as { clusters: Cluster[] };
    const orders = clusters.find((c) => c.name === "orders-db")!;
    await page.goto(`/replication/${orders.id}?range=7d`);
    await expect(page.getByRole("heading", { level: 1, name: "orders-db" })).toBeVisible();
    await expect(page.getByRole("figure", { name: /Replay lag \(time\)/ })).toBeVisible();
    await expect(page.getByRole("figure", { name: /Replay lag \(bytes of WAL\)/ })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "orders-db-2 timeline changed 4 → 5, left recovery (promoted)" })).toContainText("failover");
    await expect(page.getByRole("row", { name: /orders-db-2/ })).toContainText("primary");
    await expect(page.getByText("postgresql://steadystate_monitor:****@orders-db-2.internal:5432/postgres")).toBeVisible();
    await page.screenshot({ path: `test/e2e/screenshots/replication-cluster-${theme}.png`, fullPage: true });
  });
}

test("a cluster whose primary cannot be reached says why on its page, and the service page has the panel", async ({ page, request }) => {
  // A run that failed half-way may have left it behind.
  const { clusters } = (await (await request.get("/api/replication/clusters")).json()) as { clusters: Cluster[] };
  for (const old of clusters.filter((c) => c.name === "e2e-unreachable")) await request.delete(`/api/replication/clusters/${old.id}`, { headers });
  // Nothing listens on port 9 (discard) on this machine: the connection is refused at once.
  const created = await request.post("/api/replication/clusters", {
    headers,
    data: { kind: "postgres", name: "e2e-unreachable", service: "catalog", timeoutMs: 1000, members: [{ name: "db1", role: "primary", connection: "postgresql://app:hunter22@127.0.0.1:9/app" }] },
  });
  expect(created.status()).toBe(201);
  const cluster = (await created.json()) as Cluster;
  expect(JSON.stringify(cluster)).not.toContain("hunter22");
  expect((await request.post(`/api/replication/clusters/${cluster.id}/probe`, { headers })).status()).toBe(200);

  await page.goto(`/replication/${cluster.id}`);
  const alert = page.getByRole("alert").filter({ hasText: "Cannot probe" });
  await expect(alert).toContainText("Cannot probe this cluster.");
  await expect(alert).toContainText("connection refused");
  await expect(page.getByRole("row", { name: /db1/ })).toContainText("Unreachable");
  await expect(page.getByText("postgresql://app:****@127.0.0.1:9/app")).toBeVisible();
  await expect(page.getByText("hunter22")).toHaveCount(0);
  await page.screenshot({ path: "test/e2e/screenshots/replication-unreachable.png", fullPage: true });

  await page.goto("/services/catalog");
  const panel = page.getByRole("region", { name: "Replication" });
  await expect(panel.getByRole("link", { name: "e2e-unreachable" })).toBeVisible();
  await expect(panel).toContainText("Unreachable");
  await page.screenshot({ path: "test/e2e/screenshots/replication-service-panel.png", fullPage: true });

  expect((await request.delete(`/api/replication/clusters/${cluster.id}`, { headers })).status()).toBe(204);
});
