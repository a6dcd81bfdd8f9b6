import { readFileSync } from "node:fs";
import path from "node:path";
import { parseExposition } from "./exposition-text";

// Plain text helpers live in exposition-text.ts (no import.meta there, so Playwright specs can use them too).
export { type JsonSeries, parseExposition, withValues } from "./exposition-text";

export type ExposedSample = { metric: string; labels: Record<string, string>; value: number };

/** A replication fixture's samples, with extra labels (as the scrape's target labels would add). */
export function readFixture(name: string, extraLabels: Record<string, string> = {}): ExposedSample[] {
  const text = readFileSync(path.join(import.meta.dirname, "../fixtures/replication", name), "utf8");
  return parseExposition(text, 0, extraLabels).map((s) => ({ metric: s.metric, labels: s.labels, value: s.samples[0]![1] }));
}

