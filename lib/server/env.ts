import "server-only";
import { describeEnvErrors, envSchema, type Env } from "@/lib/schemas/env";

// The only reader of process.env (style.md). Parsed once; instrumentation.ts parses it at boot so a
// bad value stops the app before it serves anything.
let cached: Env | undefined;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid configuration:\n${describeEnvErrors(result.error)}\nSee README.md "Configuration".`);
  }
  return result.data;
}

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Inside the server Next built (next start or next dev), not a script or test run from source. */
export function isNextServer(): boolean {
  return process.env.NEXT_RUNTIME === "nodejs";
}
