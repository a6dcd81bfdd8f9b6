import { z } from "zod";
import { databaseTarget } from "../database-url";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

/** Every setting Steadystate reads. README.md "Configuration" documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return databaseTarget(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^DATABASE_URL: /, "") });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  STEADYSTATE_API_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional(),
  STEADYSTATE_DEMO: booleanFlag.default(false),
  STEADYSTATE_JOBS: booleanFlag.default(true),
  STEADYSTATE_DB_READY_TIMEOUT_MS: positiveInt(2000),
  STEADYSTATE_INGEST_MAX_BODY_BYTES: positiveInt(16 * 1024 * 1024),
  STEADYSTATE_INGEST_MAX_SERIES: positiveInt(20_000),
  STEADYSTATE_INGEST_MAX_LABELS: positiveInt(30),
  STEADYSTATE_INGEST_MAX_LABEL_LENGTH: positiveInt(2048),
  STEADYSTATE_INGEST_MAX_FUTURE_MS: positiveInt(10 * 60 * 1000),
  STEADYSTATE_INGEST_QUEUE_SAMPLES: positiveInt(2_000_000),
  STEADYSTATE_INGEST_APPLY_INTERVAL_MS: positiveInt(1000),
});

export type Env = z.infer<typeof envSchema>;

/** One line per bad variable, naming it and what is allowed. */
export function describeEnvErrors(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`)
    .join("\n");
}
