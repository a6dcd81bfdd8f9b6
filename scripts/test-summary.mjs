// Adds up the JSON reports of every suite and prints one closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from "node:fs";

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const [label, file] of process.argv.slice(2).map((arg) => arg.split("="))) {
  if (!existsSync(file)) {
    console.log(`${label}: no report (the suite did not run to the end)`);
    totals.failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  const counts = report.stats
    ? { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky, skipped: report.stats.skipped }
    : { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
  // A file that cannot even load (Playwright's `errors`, vitest's failed suites) runs no test, and a
  // suite that ran nothing proves nothing: both count as failures rather than as "0 failed".
  counts.failed += report.errors?.length ?? 0;
  if (counts.failed === 0) counts.failed += report.numFailedTestSuites ?? 0;
  if (counts.passed + counts.failed + counts.skipped === 0) counts.failed += 1;
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
