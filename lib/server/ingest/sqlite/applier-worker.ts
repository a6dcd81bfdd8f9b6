// The applier's worker thread (started by sample-log.ts): it receives each log row as soon as the
// request thread has appended it, and writes the rollups on a second core, so acknowledging a
// request never waits for them. Messages, in order:
//   in:  { type: "row", row }  { type: "flush", seq }  { type: "close" }
//   out: { type: "applied", through, samples }  { type: "failed", message }  { type: "flushed", seq, error? }  { type: "closed" }
import { parentPort, workerData } from "node:worker_threads";
import { Applier, type Applied } from "./applier";
import { type LogRow, readLogAfter } from "./log-db";
import { openRollupWriter } from "./statements";

export type ApplierOptions = { file: string; applyIntervalMs: number; applyAtSamples: number; maxCachedSeries: number; appliedThrough: number };
export type ToApplier = { type: "row"; row: LogRow } | { type: "flush"; seq: number } | { type: "close" };
export type FromApplier = ({ type: "applied" } & Applied) | { type: "failed"; message: string } | { type: "flushed"; seq: number; error?: string } | { type: "closed" };

const port = parentPort!;
const options = workerData as ApplierOptions;
const send = (message: FromApplier) => port.postMessage(message);
const sql = openRollupWriter(options.file);
const applier = new Applier(sql, options.maxCachedSeries);

// A worker started again after its predecessor died: the rows it left are in the log file. On a
// first start there are none (the request thread applied what a crash left before starting this).
for (const row of readLogAfter(options.file, options.appliedThrough)) applier.add(row);

function apply(): void {
  const applied = applier.apply();
  if (applied) send({ type: "applied", ...applied });
}

let lastError: string | null = null;
function tryApply(): void {
  try {
    apply();
    lastError = null;
  } catch (error) {
    // The samples stay in the log and in memory; the next tick retries, and the ingest queue's
    // bound (which counts them) turns a lasting failure into 429s.
    const message = error instanceof Error ? error.message : String(error);
    if (message !== lastError) send({ type: "failed", message });
    lastError = message;
  }
}

const timer = setInterval(tryApply, options.applyIntervalMs);
tryApply();

port.on("message", (message: ToApplier) => {
  if (message.type === "row") {
    applier.add(message.row);
    if (applier.backlog >= options.applyAtSamples) tryApply();
  } else if (message.type === "flush") {
    try {
      apply();
      send({ type: "flushed", seq: message.seq });
    } catch (error) {
      send({ type: "flushed", seq: message.seq, error: error instanceof Error ? error.message : String(error) });
    }
  } else {
    clearInterval(timer);
    tryApply();
    sql.close();
    send({ type: "closed" });
    port.close();
  }
});
