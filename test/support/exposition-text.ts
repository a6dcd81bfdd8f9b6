// Prometheus text exposition → the JSON ingest format, as a scrape at time `t` with the target
// labels Prometheus adds (job, instance). Enough of the format for the breaker fixtures: comments
// skipped, quoted label values with \" \\ \n escapes, a trailing comma before `}` allowed.
export type JsonSeries = { metric: string; labels: Record<string, string>; samples: [number, number][] };

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/gy;

export function parseExposition(text: string, t: number, target: Record<string, string>): JsonSeries[] {
  const out: JsonSeries[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    for (const l of (m[2] ?? "").matchAll(LABEL)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    out.push({ metric: m[1]!, labels: { ...labels, ...target }, samples: [[t, Number(m[3])]] });
  }
  return out;
}

/**
 * A recorded exposition with some series' values changed, for the scrapes before or after the
 * one that was recorded: `values` maps a series exactly as printed (name and label block) to its
 * new value. Each must be in the text, so a test cannot quietly read a line the exporter never printed.
 */
export function withValues(text: string, values: Record<string, string>): string {
  let out = text;
  for (const [series, value] of Object.entries(values)) {
    const at = out.split("\n").findIndex((line) => line.startsWith(`${series} `));
    if (at < 0) throw new Error(`not in the recorded text: ${series}`);
    const lines = out.split("\n");
    lines[at] = `${series} ${value}`;
    out = lines.join("\n");
  }
  return out;
}
