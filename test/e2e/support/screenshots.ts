import type { Page } from "@playwright/test";

/** Saves test/e2e/screenshots/<name>-light.png and -dark.png, then puts the page back in light. */
export async function shootBothThemes(page: Page, name: string): Promise<void> {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: `test/e2e/screenshots/${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
}
