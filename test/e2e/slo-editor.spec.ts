import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/auth";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";

/** Presses Tab until the focused element has the accessible text wanted; fails after 40 presses. */
async function tabTo(page: Page, text: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "")) === text) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

test("keyboard only: from the SLOs page to the editor, a live preview, a field error, and a saved SLO", async ({ page, request }) => {
  await signInAs(page, request, "editor", "/slos");
  await tabTo(page, "New SLO");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/slos\/new$/);
  await expect(page.getByRole("heading", { name: "New SLO" })).toBeVisible();

  // Typing into each field in turn; selects are driven with the keyboard too.
  // By role: while the SLOs page is still leaving, its sort select (options "Name", …) matches the label too.
  await page.getByRole("textbox", { name: "Name", exact: true }).focus();
  await page.keyboard.type("Checkout error ratio (e2e)");
  await page.keyboard.press("Tab"); // → Service
  await page.keyboard.type("Checkout");
  await expect(page.getByLabel("Service")).toHaveValue("checkout");
  await page.keyboard.press("Tab"); // → Objective
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("1.5");
  await page.getByLabel("Bad events counter").fill("http_requests_errors_total");
  await page.getByLabel("…with labels").first().fill('service="checkout"');
  await page.getByLabel("Total events counter").fill("http_requests_total");
  await page.getByLabel("…with labels").nth(1).fill('service="checkout"');

  // The server refuses 1.5 as it would on save: the field says why, the preview waits.
  await expect(page.getByText(/⚠ .*objective|⚠ .*fraction|⚠ .*decimal/i).first()).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Preview" })).toContainText("Fix the fields marked");
  await page.getByLabel("Objective").fill("0.995");

  // The preview computes the same figures the API will give once saved.
  const preview = page.getByRole("complementary", { name: "Preview" });
  await expect(preview.getByText("SLI per hour, last 24 hours")).toBeVisible();
  await expect(preview).toContainText("Budget remaining");
  await page.screenshot({ path: "test/e2e/screenshots/slo-editor-light.png", fullPage: true });

  await page.getByRole("button", { name: "Create SLO" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/slos\?saved=/);
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText("Checkout error ratio (e2e)");
  const id = new URL(page.url()).searchParams.get("saved")!;
  const saved = await (await request.get(`/api/slos/${id}`)).json();
  expect(saved.definition).toMatchObject({ objective: "0.995", service: "checkout", sli: { kind: "ratio", bad: { metric: "http_requests_errors_total", matchers: { service: "checkout" } } } });

  // Edit: own alert tiers, saved through the same session.
  await page.getByRole("link", { name: "Edit Checkout error ratio (e2e)" }).click();
  await page.getByLabel(/Use this SLO's own tiers/).check();
  await page.getByRole("button", { name: "Remove tier 4" }).click();
  await page.getByLabel("Tier 1 budget spent").fill("0.03");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await page.screenshot({ path: "test/e2e/screenshots/slo-editor-dark.png", fullPage: true });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/slos\?saved=/);
  const edited = await (await request.get(`/api/slos/${id}`)).json();
  expect(edited.definition.alertTiers).toEqual([
    { severity: "page", longWindow: "1h", shortWindow: "5m", budgetSpent: "0.03" },
    { severity: "page", longWindow: "6h", shortWindow: "30m", budgetSpent: "0.05" },
    { severity: "ticket", longWindow: "1d", shortWindow: "2h", budgetSpent: "0.1" },
  ]);
  expect((await request.delete(`/api/slos/${id}`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(204);
});
