import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInAs } from "./support/auth";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";
const headers = { authorization: `Bearer ${token}` };
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function worksheet(request: APIRequestContext, title: string, rows: Record<string, unknown>[]): Promise<string> {
  const res = await request.post("/api/fmea/worksheets", { headers, data: { title, service: "checkout" } });
  expect(res.status()).toBe(201);
  const { id } = await res.json();
  for (const row of rows) expect((await request.post("/api/fmea/modes", { headers, data: { worksheetId: id, row } })).status()).toBe(201);
  return id;
}
const row = (mode: string, severity: number, occurrence: number, detection: number, extra: Record<string, unknown> = {}) => ({ item: "Card charge", mode, effect: "Orders fail", severity, occurrence, detection, ...extra });

// Edits go through the page, which writes with an editor's session.
test.beforeEach(async ({ page, request }) => signInAs(page, request, "editor"));

async function shoot(page: Page, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: `test/e2e/screenshots/fmea-${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
}

test("a row is edited with the keyboard alone, and the worksheet re-sorts", async ({ page, request }) => {
  const id = await worksheet(request, `Keyboard ${unique()}`, [row("Processor times out", 8, 2, 3), row("Cart emptied", 5, 5, 8)]);
  await page.goto(`/fmea/${id}`);
  const rows = page.getByRole("region", { name: "Worksheet" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("Cart emptied"); // M 200 above L 48

  await page.getByRole("button", { name: "Edit Processor times out" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Item / function").first()).toBeFocused();
  for (let i = 0; i < 6; i++) await page.keyboard.press("Tab"); // item → mode → effect → S → cause → prevention → O
  const occurrence = page.getByRole("spinbutton", { name: "Occurrence (O)" }).first();
  await expect(occurrence).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("7");
  await expect(occurrence).toHaveAccessibleDescription("Several times a month"); // the scale beside the input
  await shoot(page, "editing");
  await page.keyboard.press("Enter");

  const edit = page.getByRole("button", { name: "Edit Processor times out" });
  await expect(edit).toBeFocused();
  await expect(rows.nth(1)).toContainText("Processor times out"); // now H, RPN 168: first
  await expect(rows.nth(1)).toContainText("High");
  await expect(rows.nth(1)).toContainText("168");

  // Escape closes without saving; a bad value is refused field by field.
  await page.keyboard.press("Enter");
  await page.getByRole("spinbutton", { name: "Severity (S)" }).first().fill("12");
  await page.keyboard.press("Enter");
  await expect(page.getByText("from 1 to 10", { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(edit).toBeFocused();
  const saved = await (await request.get(`/api/fmea/worksheets/${id}`)).json();
  expect(saved.modes.map((m: { mode: string; severity: number; occurrence: number }) => [m.mode, m.severity, m.occurrence])).toEqual([["Processor times out", 8, 7], ["Cart emptied", 5, 5]]);
});

test("the risk matrix counts rows per S × O cell, and shows revised ratings from the URL", async ({ page, request }) => {
  const id = await worksheet(request, `Matrix ${unique()}`, [
    row("Double charge", 9, 4, 5, { revisedSeverity: 9, revisedOccurrence: 1, revisedDetection: 4 }),
    row("Timeout", 9, 4, 2),
    row("Stale prices", 3, 8, 9),
  ]);
  await page.goto(`/fmea/${id}`);
  const matrix = page.getByRole("table", { name: /Risk matrix/ });
  await expect(matrix.getByRole("cell", { name: "S 9, O 4: 2 failure modes, highest priority high" })).toHaveText("2H");
  await expect(matrix.getByRole("cell", { name: "S 3, O 8: 1 failure mode, highest priority medium" })).toHaveText("1M");
  await expect(matrix.getByRole("cell", { name: "S 9, O 1: none" })).toHaveText("");
  await shoot(page, "worksheet");

  await page.getByRole("link", { name: "After actions (revised)" }).click();
  await expect(page).toHaveURL(/ratings=revised/);
  await expect(matrix.getByRole("cell", { name: "S 9, O 1: 1 failure mode, highest priority low" })).toHaveText("1L");
  await expect(matrix.getByRole("cell", { name: "S 9, O 4: 1 failure mode, highest priority high" })).toBeVisible();

  await page.goto("/fmea");
  await expect(page.getByRole("table", { name: "Top risks across services" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Risk matrix: severity × occurrence, all worksheets/ })).toBeVisible();
  await shoot(page, "overview");
});

test("CSV round trip: export, import into another worksheet, same file back; a bad file imports nothing", async ({ page, request }) => {
  const source = await worksheet(request, `Round trip ${unique()}`, [
    row("Processor times out", 8, 4, 3, { cause: 'Latency, "p99" > 2 s', action: "Hedge requests", owner: "payments", targetDate: "2026-12-15", links: [{ kind: "breaker", ref: "checkout/payments/charge" }] }),
    row("Cart emptied", 5, 5, 8, { effect: "Empty cart,\nlost sale" }),
  ]);
  await page.goto(`/fmea/${source}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await downloading).path();
  const csv = readFileSync(file, "utf8");
  expect(csv.split("\n")[0]).toMatch(/^Item \/ function,Failure mode,Effect,S,/);

  const target = await worksheet(request, `Round trip copy ${unique()}`, []);
  await page.goto(`/fmea/${target}`);
  await page.getByLabel("CSV file to import").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("Item / function,Failure mode,Effect,S,O,D\nAPI,Timeout,Slow,7,4,5\nAPI,Crash,Down,0,4,5\n") });
  await page.getByRole("button", { name: "Import rows" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 of 2 rows are invalid; nothing was imported" })).toContainText("Row 2, S: from 1 to 10");
  expect((await (await request.get(`/api/fmea/worksheets/${target}`)).json()).modes).toHaveLength(0);
  await shoot(page, "import-errors");

  await page.getByLabel("CSV file to import").setInputFiles(file);
  await page.getByRole("button", { name: "Import rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 rows." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Worksheet" }).getByRole("row")).toHaveCount(3);
  const again = await (await request.get(`/api/fmea/worksheets/${target}/export?format=csv`)).text();
  expect(again).toBe(csv);
});
