// Run by test/integration/ingest-crash.test.ts as a separate process that is then killed -9:
// stores batches of SERIES series, one sample each at T0 + n s with value n * (i + 1), printing n
// once batch n is acknowledged. With STOP_AFTER it stops there and waits to be killed.
import { storeSamples } from "@/lib/server/ingest/store";

const [series, t0, stopAfter] = process.argv.slice(2).map(Number) as [number, number, number];
const labels = Array.from({ length: series }, (_, i) => ({ i: String(i) }));

async function main() {
  for (let n = 0; n < stopAfter; n++) {
    await storeSamples(labels.map((l, i) => ({ metric: "crash_total", labels: l, samples: [{ t: t0 + n * 1000, v: n * (i + 1) }] })));
    process.stdout.write(`${n}\n`);
  }
  setInterval(() => {}, 60_000); // acknowledged everything asked; wait for the kill
}

void main();
