import { readFileSync } from "node:fs";
import path from "node:path";

export type ExposedSample = { metric: string; labels: Record<string, string>; value: number };

/** Prometheus text exposition, the plain lines only (no timestamps, escapes or exemplars): enough for fixtures. */
export function parseExposition(text: string): ExposedSample[] {
  const out: ExposedSample[] = [];
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)\s*$/.exec(line.trim());
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    out.push({ metric: match[1]!, labels, value: Number(match[3]) });
  }
  return out;
}

export function readFixture(name: string, extraLabels: Record<string, string> = {}): ExposedSample[] {
  const text = readFileSync(path.join(import.meta.dirname, "../fixtures/replication", name), "utf8");
  return parseExposition(text).map((s) => ({ ...s, labels: { ...s.labels, ...extraLabels } }));
}
