import { z } from "zod";
import { EXPORTERS } from "@/lib/domain/replication-exporters";
import { REPLICATION_STATES } from "@/lib/domain/replication";
import { serviceSlugSchema } from "./service";

const nameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lowercase letters, digits, dots, dashes and underscores, up to 63");

/** A libpq URL, postgresql://user:password@host:port/db?sslmode=…; the key=value form is not accepted. */
export const connectionStringSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "a postgresql://user:password@host:port/database URL");

/** The connection string as it may be shown: the password (in the URL or as ?password=) replaced. */
export function maskConnection(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = "****";
    if (url.searchParams.has("password")) url.searchParams.set("password", "****");
    return url.toString();
  } catch {
    return "(unreadable connection string)";
  }
}

const thresholds = {
  /** Replay lag above this many seconds is "lagging". */
  maxLagSeconds: z.number().positive().max(86_400).default(30),
  /** WAL not yet replayed above this many bytes is "lagging" (default 16 MiB). */
  maxLagBytes: z.number().int().positive().default(16 * 1024 * 1024),
};

const common = {
  name: nameSchema,
  service: serviceSlugSchema.nullish(),
  ...thresholds,
  paused: z.boolean().default(false),
};

export const pgMemberInputSchema = z.strictObject({
  /** For replicas: the replication slot or application_name it uses, so the primary's view of it matches. */
  name: nameSchema,
  role: z.enum(["primary", "replica"]),
  connection: connectionStringSchema,
});

export const clusterInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("postgres"),
    ...common,
    members: z
      .array(pgMemberInputSchema)
      .min(1)
      .max(16)
      .check((ctx) => {
        const primaries = ctx.value.filter((m) => m.role === "primary").length;
        if (primaries !== 1) ctx.issues.push({ code: "custom", message: "exactly one member must be the primary", input: ctx.value });
        const names = ctx.value.map((m) => m.name);
        if (new Set(names).size !== names.length) ctx.issues.push({ code: "custom", message: "member names must be unique", input: ctx.value });
      }),
    /** Per connection: connect timeout and statement_timeout. */
    timeoutMs: z.number().int().min(200).max(30_000).default(3_000),
  }),
  z.strictObject({
    kind: z.literal("metrics"),
    ...common,
    exporter: z.enum(EXPORTERS),
    /** Labels every series of this cluster carries, e.g. { "scope": "batman" } for Patroni. */
    matchers: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string()).default({}),
  }),
]);
export type ClusterInput = z.infer<typeof clusterInputSchema>;
export type ClusterInputRaw = z.input<typeof clusterInputSchema>;

export const memberViewSchema = z.object({
  name: z.string(),
  role: z.enum(["primary", "replica"]),
  state: z.enum([...REPLICATION_STATES, "unknown"]),
  since: z.string().nullable(),
  lagSeconds: z.number().nullable(),
  lagBytes: z.number().nullable(),
  timeline: z.number().nullable(),
  inRecovery: z.boolean().nullable(),
  error: z.string().nullable(),
  observedAt: z.string().nullable(),
  /** Masked: never the password. null for members discovered rather than registered. */
  connection: z.string().nullable(),
  observed: z.record(z.string(), z.unknown()).nullable(),
});
export type MemberView = z.infer<typeof memberViewSchema>;

export type ClusterView = {
  id: string;
  name: string;
  kind: "postgres" | "metrics";
  service: string | null;
  exporter: string | null;
  matchers: Record<string, string> | null;
  maxLagSeconds: number;
  maxLagBytes: number;
  timeoutMs: number;
  paused: boolean;
  lastError: string | null;
  probedAt: string | null;
  state: (typeof REPLICATION_STATES)[number] | null;
  members: MemberView[];
};

export const clusterDetailQuerySchema = z.object({
  range: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
