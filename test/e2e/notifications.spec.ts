import { expect, test, type Page } from "@playwright/test";
import { bootstrap as headers, signInAs } from "./support/auth";

const DAY = 86_400_000;

async function shoot(page: Page, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: `test/e2e/screenshots/notifications-${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
}

// Marking read is an editor's write; the demo viewer only reads.
test.beforeEach(async ({ page, request }) => signInAs(page, request, "editor"));

const unreadLink = (page: Page) => page.getByRole("complementary").getByRole("link", { name: /^Notifications/ });

test("an overdue action item seeded through the API is reminded, also on the action items page", async ({ page, request }) => {
  const title = `Rotate the e2e signing key ${Date.now().toString(36)}`;
  const now = Date.now();
  const created = await request.post("/api/postmortems", {
    headers,
    data: {
      author: "Riley E2E", title: "Key rotation missed (e2e)", severity: "sev3", startedAt: new Date(now - 40 * DAY).toISOString(),
      actionItems: [{ title, type: "prevent", owner: "Riley E2E", dueDate: new Date(now - 8 * DAY - 60_000).toISOString() }],
    },
  });
  expect(created.status()).toBe(201);
  const run = await request.post("/api/notifications/run", { headers });
  expect(await run.json()).toEqual({ outcome: "ran" });
  // Run again: the same period, no second reminder.
  await request.post("/api/notifications/run", { headers });

  await page.goto("/notifications?kind=reminder");
  await expect(page.getByRole("link", { name: "Reminders", exact: true })).toHaveAttribute("aria-current", "page");
  const item = page.getByRole("listitem").filter({ hasText: title });
  await expect(item).toHaveCount(1);
  // Every 7 days from the due date: 8 days overdue is the second period.
  await expect(item.getByRole("heading")).toHaveText(`Action item 8 days overdue: ${title}`);
  await expect(item).toContainText("Owner Riley E2E");
  await expect(item).toContainText("unread");
  await expect(item).toContainText("in app only");

  await page.goto("/postmortems/action-items");
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("1 sent");
});

test("the notifications page: unread count in the shell, mark read, filters in the URL, empty state", async ({ page }) => {
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = page.getByRole("list", { name: "Notifications" });
  // The demo's closed postmortem still reminds of its overdue items, and breaker events are forwarded.
  await expect(list.getByRole("heading", { name: /Action item 17 days overdue: Rate-limit reindexing/ })).toBeVisible();
  await expect(list.getByRole("heading", { name: /: breaker \S+ (open|closed)$/ }).first()).toBeVisible();
  await shoot(page, "list");

  const count = async () => Number((await unreadLink(page).textContent())?.match(/\((\d+) unread\)/)?.[1] ?? 0);
  const before = await count();
  expect(before).toBeGreaterThan(1);
  const first = list.getByRole("listitem").filter({ hasText: "unread" }).first();
  const firstTitle = (await first.getByRole("heading").textContent()) ?? "";
  await first.getByRole("button", { name: /^Mark read/ }).click();
  await expect(unreadLink(page)).toHaveAccessibleName(`Notifications (${before - 1} unread)`);
  await expect(list.getByRole("listitem").filter({ hasText: firstTitle }).first()).not.toContainText("unread");

  await page.getByRole("link", { name: "Unread", exact: true }).click();
  await expect(page).toHaveURL(/unread=1/);
  await expect(list.getByRole("listitem").filter({ hasText: firstTitle })).toHaveCount(0);

  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("region", { name: "Nothing matches these filters" })).toBeVisible();
  await expect(page.getByText("Everything here has been read.")).toBeVisible();
  await expect(unreadLink(page)).toHaveAccessibleName("Notifications (none unread)");
  await shoot(page, "empty");
  await page.reload();
  await expect(page).toHaveURL(/unread=1/);
  await expect(page.getByRole("region", { name: "Nothing matches these filters" })).toBeVisible();
});
