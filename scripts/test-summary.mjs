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
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
