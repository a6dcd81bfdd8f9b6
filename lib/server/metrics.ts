import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Self-observability on GET /metrics. Kept on globalThis so Next's dev reloads and the several
// bundles a build produces share one registry instead of registering twice.
type AppMetrics = {
  registry: Registry;
  httpDuration: Histogram<"route" | "method" | "status">;
  dbDuration: Histogram<"model" | "operation" | "outcome">;
  ingestAccepted: Counter<"format">;
  ingestDropped: Counter<"format" | "reason">;
  ingestRejected: Counter<"format" | "status">;
  ingestQueue: Gauge;
  jobRuns: Counter<"job" | "outcome">;
};

const globalForMetrics = globalThis as unknown as { steadystateMetrics?: AppMetrics };

function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "steadystate_" });
  return {
    registry,
    httpDuration: new Histogram({
      name: "steadystate_http_request_duration_seconds",
      help: "API request duration by route pattern, method and status.",
      labelNames: ["route", "method", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    dbDuration: new Histogram({
      name: "steadystate_db_query_duration_seconds",
      help: "Database query duration by Prisma model and operation.",
      labelNames: ["model", "operation", "outcome"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    ingestAccepted: new Counter({
      name: "steadystate_ingest_samples_accepted_total",
      help: "Samples stored, by ingest format.",
      labelNames: ["format"],
      registers: [registry],
    }),
    ingestDropped: new Counter({
      name: "steadystate_ingest_samples_dropped_total",
      help: "Samples in accepted requests that were not stored, by format and reason.",
      labelNames: ["format", "reason"],
      registers: [registry],
    }),
    ingestRejected: new Counter({
      name: "steadystate_ingest_requests_rejected_total",
      help: "Ingest requests refused whole, by format and HTTP status.",
      labelNames: ["format", "status"],
      registers: [registry],
    }),
    ingestQueue: new Gauge({
      name: "steadystate_ingest_queue_samples",
      help: "Samples waiting to be written.",
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: "steadystate_job_runs_total",
      help: "Background job ticks: ran, skipped (another instance holds the lease) or failed.",
      labelNames: ["job", "outcome"],
      registers: [registry],
    }),
  };
}

export function metrics(): AppMetrics {
  globalForMetrics.steadystateMetrics ??= createMetrics();
  return globalForMetrics.steadystateMetrics;
}
