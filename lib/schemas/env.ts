import { z } from "zod";
import { databaseTarget } from "../database-url";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const blankAsUnset = (v: unknown) => (v === "" ? undefined : v);

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);

/** A 32-byte key, written as 64 hex digits or as base64 (`openssl rand -base64 32`). */
export function parseSecretKey(value: string): Buffer | null {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? Buffer.from(value, "base64") : null;
  return bytes?.length === 32 ? bytes : null;
}

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
  // Seals stored secrets (replication connection strings). Unset: registering them is refused.
  STEADYSTATE_SECRET_KEY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return undefined;
      const key = parseSecretKey(value);
      if (!key) {
        ctx.addIssue({ code: "custom", message: "must be 32 bytes: 64 hex digits or base64 (openssl rand -base64 32)" });
        return z.NEVER;
      }
      return key;
    }),
  STEADYSTATE_DEMO: booleanFlag.default(false),
  // Accounts (README "Accounts and access"). The first admin is created at boot from these when no
  // admin exists; without them, /setup creates one.
  STEADYSTATE_ADMIN_EMAIL: z.preprocess(blankAsUnset, z.email().optional()),
  STEADYSTATE_ADMIN_PASSWORD: z.preprocess(blankAsUnset, z.string().min(12, "must be at least 12 characters").max(256).optional()),
  STEADYSTATE_SESSION_TTL_HOURS: positiveInt(12),
  // auto: Secure when the request came over HTTPS (directly or X-Forwarded-Proto).
  STEADYSTATE_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  // The address people use, e.g. https://slo.example.com; accepted as the app's own origin (CSRF).
  STEADYSTATE_PUBLIC_URL: z.preprocess(blankAsUnset, z.url().optional()).transform((v) => (v ? new URL(v).origin : undefined)),
  STEADYSTATE_SIGNIN_MAX_FAILURES: positiveInt(5),
  STEADYSTATE_SIGNIN_LOCKOUT_MINUTES: positiveInt(15),
  STEADYSTATE_JOBS: booleanFlag.default(true),
  STEADYSTATE_DB_READY_TIMEOUT_MS: positiveInt(2000),
  STEADYSTATE_INGEST_MAX_BODY_BYTES: positiveInt(16 * 1024 * 1024),
  STEADYSTATE_INGEST_MAX_SERIES: positiveInt(20_000),
  STEADYSTATE_INGEST_MAX_LABELS: positiveInt(30),
  STEADYSTATE_INGEST_MAX_LABEL_LENGTH: positiveInt(2048),
  STEADYSTATE_INGEST_MAX_FUTURE_MS: positiveInt(10 * 60 * 1000),
  STEADYSTATE_INGEST_QUEUE_SAMPLES: positiveInt(2_000_000),
  STEADYSTATE_INGEST_APPLY_INTERVAL_MS: positiveInt(1000),
  // A second listener that serves only the ingest endpoints, without the page machinery
  // (lib/server/ingest/listener.ts), e.g. 0.0.0.0:9091. Unset: ingest is served on the app's port only.
  STEADYSTATE_INGEST_LISTEN: z
    .preprocess(blankAsUnset, z.string().regex(/^(\[[0-9a-fA-F:]+\]|[^:\s]+):\d{1,5}$/, "must be host:port, e.g. 0.0.0.0:9091").optional())
    .transform((v) => {
      if (!v) return undefined;
      const at = v.lastIndexOf(":");
      return { host: v.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(v.slice(at + 1)) };
    }),
  // Notifications (README "Notifications"): a Slack-compatible incoming webhook, optional.
  STEADYSTATE_WEBHOOK_URL: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })]).optional().transform((v) => v || undefined),
  STEADYSTATE_WEBHOOK_TIMEOUT_MS: positiveInt(5000),
  STEADYSTATE_REMINDER_EVERY_DAYS: positiveInt(7),
  // Per-token ingest limit (token bucket, lib/domain/token-bucket.ts): samples per second and the
  // burst a token may send at once. 0 turns the limit off.
  STEADYSTATE_INGEST_RATE_SAMPLES: z.coerce.number().int().min(0).default(1_000_000),
  STEADYSTATE_INGEST_BURST_SAMPLES: positiveInt(2_000_000),
});

export type Env = z.infer<typeof envSchema>;

/** One line per bad variable, naming it and what is allowed. */
export function describeEnvErrors(error: z.ZodError): string {
  return error.issues
    .map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`)
    .join("\n");
}
