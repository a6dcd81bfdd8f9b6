import { defineConfig } from "@playwright/test";

// Runs against an app that scripts/test.sh has built, migrated, seeded and started; its address
// comes in STEADYSTATE_BASE_URL. Debian's Chromium, never a downloaded browser.
export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: process.env.STEADYSTATE_BASE_URL ?? "http://127.0.0.1:3000",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
