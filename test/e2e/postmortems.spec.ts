import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/auth";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";
const headers = { authorization: `Bearer ${token}` };

async function shoot(page: Page, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => {
      localStorage.setItem("steadystate-theme", t);
      document.documentElement.dataset.theme = t;
    }, theme);
    await page.screenshot({ path: `test/e2e/screenshots/postmortems-${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => {
    localStorage.setItem("steadystate-theme", "light");
    document.documentElement.dataset.theme = "light";
  });
}

// The pages' writes are server actions that need an editor's session.
test.beforeEach(async ({ page, request }) => signInAs(page, request, "editor"));

test("file a postmortem from an SLO's alert: accept timeline entries, add an action item, publish, export", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/slos");
  await page.getByRole("link", { name: "Write a postmortem for Checkout availability" }).click();
  await expect(page).toHaveURL(/\/postmortems\/new\?slo=/);
  await expect(page.getByRole("heading", { level: 1, name: "New postmortem" })).toBeVisible();
  await expect(page.getByText("Window from Checkout availability's latest alert episode.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Checkout availability/ })).toBeChecked();
  await expect(page.getByLabel("Impact started (UTC)")).not.toHaveValue("");

  await page.getByLabel("Your name").fill("Riley E2E");
  await page.getByLabel("Title").fill("Checkout availability: card errors (e2e)");
  await page.getByLabel("Severity").selectOption("sev2");
  await page.getByLabel("Detected (UTC)").fill(await page.getByLabel("Impact started (UTC)").inputValue());

  // The budget this SLO spent in the window, computed by the SLO engine.
  const figures = page.getByRole("region", { name: "Figures for the incident window" });
  await expect(figures.getByRole("row", { name: /Checkout availability/ })).toContainText("%");

  // Recorded alert transitions are offered; accept two.
  const offered = page.getByRole("list", { name: "Recorded events to accept" });
  await expect(offered.getByRole("listitem").first()).toBeVisible();
  const before = await offered.getByRole("listitem").count();
  await offered.getByRole("button", { name: /^Accept/ }).first().click();
  await offered.getByRole("button", { name: /^Accept/ }).first().click();
  await expect(offered.getByRole("listitem")).toHaveCount(before - 2);
  // Alert transitions and, where the service has them, breaker events: each keeps its source.
  await expect(page.getByText(/recorded (alert|breaker|replication|failover) event/)).toHaveCount(2);

  // The blameless check speaks up while writing, and the preview renders Markdown.
  const summary = page.getByRole("textbox", { name: "Summary" });
  await summary.fill("The on-call engineer should have rolled back sooner.");
  await expect(page.getByRole("list", { name: "Blameless-language suggestions for Summary" })).toContainText("should have");
  await summary.fill("Card payments failed for **5 %** of checkouts after a config change.");
  await expect(page.getByRole("list", { name: "Blameless-language suggestions for Summary" })).toHaveCount(0);
  await page.getByRole("button", { name: "Preview Summary" }).click();
  await expect(page.getByRole("region", { name: "Summary preview" }).locator("strong")).toHaveText("5 %");
  await page.getByRole("button", { name: "Edit Summary" }).click();

  await page.getByRole("button", { name: "Add an action item" }).click();
  const item = page.getByRole("group", { name: "Action item 1" });
  await item.getByLabel("What").fill("Canary config changes");
  await item.getByLabel("Owner").fill("Riley E2E");
  await shoot(page, "editor");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/postmortems\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Checkout availability: card errors (e2e)" })).toBeVisible();
  await expect(page.getByText("Draft")).toBeVisible();

  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.getByRole("button", { name: "Publish" })).toBeVisible();
  await page.getByRole("button", { name: /Comment on Root causes/ }).click();
  await page.getByLabel("Comment on Root causes and contributing factors").fill("Why did the schema accept 0s?");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByText("Why did the schema accept 0s?")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("region", { name: "Facts" })).toContainText("Published");
  await expect(page.getByRole("row", { name: /Canary config changes/ })).toContainText("open");
  // Publishing froze the figures; nothing has changed since.
  await expect(page.getByRole("table", { name: /^Error budget spent, as published on .* \(version \d+\)$/ })).toBeVisible();
  await shoot(page, "published");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export Markdown" }).click()]);
  const markdown = await readFile((await download.path())!, "utf8");
  expect(download.suggestedFilename()).toMatch(/card-errors-e2e\.md$/);
  expect(markdown).toContain("# Checkout availability: card errors (e2e)");
  expect(markdown).toContain("Status: published · Severity: sev2");
  expect(markdown).toContain("| Canary config changes | prevent | Riley E2E |");
  expect(markdown).toMatch(/_\(recorded (alert|breaker|replication|failover) event [^)]+\)_/);

  await page.getByRole("link", { name: "Print view" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout availability: card errors (e2e)" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await shoot(page, "print");
  await page.emulateMedia({ media: "screen" });

  await page.goBack();
  await page.getByRole("link", { name: /^Versions/ }).click();
  await expect(page.getByRole("heading", { name: /field.* changed/ })).toBeVisible();
  await shoot(page, "versions");
});

test("bad input gets field-level errors and saves nothing", async ({ page, request }) => {
  const count = async () => ((await (await request.get("/api/postmortems")).json()) as { postmortems: unknown[] }).postmortems.length;
  const before = await count();
  await page.goto("/postmortems/new");
  await page.getByLabel("Your name").fill("Riley E2E");
  await page.getByLabel("Title").fill("Bad times");
  await page.getByLabel("Impact started (UTC)").fill("2026-11-20T14:00");
  await page.getByLabel("Resolved (UTC)").fill("2026-11-20T13:00");
  await page.getByRole("textbox", { name: "Impact", exact: true }).fill("x".repeat(20_001));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toHaveText("Not saved: 2 fields need attention.");
  await expect(page.getByLabel("Resolved (UTC)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("resolved must not be before the incident started")).toBeVisible();
  await expect(page.getByText("at most 20,000 characters")).toBeVisible();
  await shoot(page, "errors");
  expect(await count()).toBe(before);

  const unknown = await request.post("/api/postmortems", { headers, data: { author: "Riley", title: "x", severity: "sev3", startedAt: "2026-11-20T14:00:00Z", sloIds: ["no-such-slo"] } });
  expect(unknown.status()).toBe(422);
  expect(((await unknown.json()) as { error: { issues: { path: unknown[] }[] } }).error.issues.map((i) => i.path)).toEqual([["sloIds", 0]]);
  expect(await count()).toBe(before);
});

test("the list searches full text with filters kept in the URL, and action items show overdue first", async ({ page }) => {
  await page.goto("/postmortems");
  await expect(page.getByRole("row", { name: /Checkout errors after a card-token cache change/ })).toBeVisible();
  await shoot(page, "list");
  await page.getByRole("searchbox", { name: "Search" }).fill("session store");
  await page.getByLabel("Status").selectOption("in-review");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page).toHaveURL(/q=session\+store/);
  await expect(page).toHaveURL(/status=in-review/);
  const rows = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader") });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Sign-in errors during the morning session-store failover");
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("session store");
  await expect(rows).toHaveCount(1);

  await page.goto("/postmortems/action-items");
  const items = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader") });
  await expect(items.first()).toContainText("overdue");
  await expect(items.filter({ hasText: "Validate TTL values" })).toContainText("overdue");
  await shoot(page, "action-items");
});

test("published figures stay as published and show what moved since; Add to FMEA makes failure modes from the root causes", async ({ page, request }) => {
  test.setTimeout(60_000);
  const u = `${Date.now().toString(36)}`;
  // An SLO of its own over the demo's checkout traffic, so changing it touches no other test.
  const slo = await (await request.post("/api/slos", {
    headers,
    data: {
      name: `Checkout frozen ${u}`, service: "checkout", objective: "0.999", window: { kind: "rolling", days: 30 }, labels: {},
      sli: { kind: "ratio", bad: { metric: "http_requests_errors_total", matchers: { service: "checkout" } }, total: { metric: "http_requests_total", matchers: { service: "checkout" } } },
    },
  })).json();
  const { postmortems } = await (await request.get("/api/postmortems?q=card-token%20cache")).json();
  const demo = await (await request.get(`/api/postmortems/${postmortems[0].id}`)).json();
  const { startedAt, detectedAt, resolvedAt } = demo.document;
  const created = await request.post("/api/postmortems", {
    headers,
    data: {
      author: "Riley E2E", title: `Checkout errors, figures frozen (e2e ${u})`, severity: "sev2", startedAt, detectedAt, resolvedAt, sloIds: [slo.id],
      sections: { summary: "Card payments failed.", impact: "5 % of checkouts failed for 20 minutes.", rootCauses: "- Config changes skip the canary stage\n- The token service has no rate limit" },
      actionItems: [{ title: "Canary config changes", type: "prevent", owner: "Riley E2E" }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  for (const to of ["in-review", "published"]) expect((await request.post(`/api/postmortems/${id}/status`, { headers, data: { to, author: "Riley E2E" } })).status()).toBe(200);
  // Afterwards the incident is declared a maintenance window: the live figures lose its bad events.
  expect((await request.post(`/api/slos/${slo.id}/exclusions`, { headers, data: { kind: "maintenance", start: startedAt, end: resolvedAt, reason: "e2e: declared after publication", author: "Riley E2E" } })).status()).toBe(201);

  await page.goto(`/postmortems/${id}`);
  const published = page.getByRole("table", { name: /^Error budget spent, as published on/ });
  await expect(published.getByRole("row", { name: new RegExp(`Checkout frozen ${u}`) })).toContainText("%");
  const drift = page.getByRole("note").filter({ hasText: "Recomputed now" });
  await expect(drift).toContainText(/figures? differ/);
  await expect(drift.getByRole("row", { name: /bad events in window/ })).toContainText("−");
  await expect(drift.getByRole("row", { name: /share of period's budget/ })).toContainText("points");
  await shoot(page, "frozen-figures");

  // Add to FMEA: the listed root causes, into the checkout worksheet; missing ratings are refused first.
  await page.getByRole("button", { name: "Add to FMEA" }).click();
  const form = page.getByRole("form", { name: "Add to FMEA" });
  await expect(form.getByRole("checkbox", { name: "Config changes skip the canary stage" })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "The token service has no rate limit" })).toBeChecked();
  await expect(form.getByLabel("Failure mode")).toHaveValue(`Checkout errors, figures frozen (e2e ${u})`);
  await expect(form.getByLabel("Effect")).toHaveValue("5 % of checkouts failed for 20 minutes.");
  await form.getByRole("button", { name: "Create 2 failure modes" }).click();
  await expect(form.getByText("a whole number from 1 to 10").first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Created" })).toHaveCount(0);
  await form.getByLabel(/^Severity/).fill("7");
  await form.getByLabel(/^Occurrence/).fill("4");
  await form.getByLabel(/^Detection/).fill("5");
  await form.getByRole("button", { name: "Create 2 failure modes" }).click();
  const done = page.getByRole("status").filter({ hasText: "Created 2 failure modes" });
  await expect(done).toBeVisible();
  await expect(done.getByRole("listitem")).toHaveCount(2);
  await expect(done).toContainText("cause: Config changes skip the canary stage");
  await shoot(page, "add-to-fmea");
  await done.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/fmea\/[^/]+$/);
  await expect(page.getByText("The token service has no rate limit").first()).toBeVisible();

  expect((await request.delete(`/api/slos/${slo.id}`, { headers })).ok()).toBe(true);
});
