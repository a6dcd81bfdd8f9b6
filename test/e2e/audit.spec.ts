import { expect, test, type Page } from "@playwright/test";
import { bootstrap as headers, signInAs } from "./support/auth";

// The log is for admins (the page and GET /api/audit).
test.beforeEach(async ({ page, request }) => signInAs(page, request, "admin"));

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.goto("/");
  await page.evaluate((t) => localStorage.setItem("steadystate-theme", t), theme);
}

test("a change made through the API appears in the log with who made it; filters live in the URL", async ({ page, request }) => {
  const title = `Audit e2e ${Date.now()}`;
  const sheet = await request.post("/api/fmea/worksheets", { headers, data: { title, service: null } });
  expect(sheet.status()).toBe(201);
  const { id } = (await sheet.json()) as { id: string };
  expect((await request.put(`/api/fmea/worksheets/${id}`, { headers, data: { title: `${title} (renamed)`, service: null } })).status()).toBe(200);
  expect((await request.delete(`/api/fmea/worksheets/${id}`, { headers })).status()).toBe(204);

  await page.goto(`/settings/audit?entity=fmea-worksheet&entityId=${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(4); // header + delete, update, create
  await expect(rows.nth(1)).toContainText("fmea-worksheet.delete");
  await expect(rows.nth(1)).toContainText("configured API token");
  await expect(rows.nth(2)).toContainText(`Updated FMEA worksheet ${title} (renamed)`);

  // The changed fields open from the keyboard.
  const changes = rows.nth(2).getByText("1 field: title");
  await changes.focus();
  await page.keyboard.press("Enter");
  await expect(rows.nth(2).getByRole("row", { name: /title/ })).toContainText(`"${title} (renamed)"`);
  await page.screenshot({ path: "test/e2e/screenshots/audit-changes-light.png" });

  // The filter form by keyboard: its values go to the URL, which keeps the view.
  const action = page.getByRole("textbox", { name: "Action" });
  await action.fill("fmea-worksheet.update");
  await action.press("Enter");
  await expect(page).toHaveURL(/action=fmea-worksheet\.update/);
  await expect(page).toHaveURL(new RegExp(`entityId=${id}`));
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
});

test("the demo's changes are listed, bad filters are explained, and no match says what to do", async ({ page }) => {
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await page.goto("/settings");
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/settings\/audit$/);
    await expect(page.getByRole("table")).toBeVisible();
    await page.screenshot({ path: `test/e2e/screenshots/audit-log-${theme}.png`, fullPage: true });

    await page.goto("/settings/audit?actor=nobody-at-all");
    await expect(page.getByRole("region", { name: "No entries match" })).toContainText("clear the filters");
    await page.screenshot({ path: `test/e2e/screenshots/audit-empty-${theme}.png` });

    await page.goto("/settings/audit?action=Not%20An%20Action&from=yesterday");
    const problems = page.getByRole("alert").filter({ hasText: "These filters cannot be used" });
    await expect(problems).toContainText("action:");
    await expect(problems).toContainText("from:");
    await page.screenshot({ path: `test/e2e/screenshots/audit-invalid-${theme}.png` });
  }
});

test("a server action (a postmortem comment from its page) is logged too", async ({ page, request }) => {
  const { postmortems } = (await (await request.get("/api/postmortems")).json()) as { postmortems: { id: string }[] };
  const id = postmortems[0]!.id;
  await page.goto(`/postmortems/${id}`);
  const summary = page.getByRole("region", { name: "Summary" });
  await summary.getByRole("button", { name: /Comment on Summary/ }).click();
  await summary.getByLabel("Your name").fill("Audit E2E");
  const body = `Logged? ${Date.now()}`;
  await summary.getByLabel("Comment on Summary").fill(body);
  await summary.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByText(body)).toBeVisible();

  const log = await request.get(`/api/audit?action=postmortem.comment&entityId=${id}&limit=1`, { headers });
  const { entries } = (await log.json()) as { entries: { summary: string; actor: { kind: string } }[] };
  expect(entries[0]!.summary).toContain("as Audit E2E");
  // The page's write is the signed-in person's, not the name typed into the form.
  expect(entries[0]!.actor).toMatchObject({ kind: "user", name: "Administrator" });
});
