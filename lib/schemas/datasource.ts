import { z } from "zod";

export const EMBEDDED = "embedded";

export const dataSourceInputSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes").refine((n) => n !== EMBEDDED, `"${EMBEDDED}" is the built-in store`),
  kind: z.literal("prometheus"),
  /** The API root: http://prometheus:9090, or a Mimir/Thanos/VictoriaMetrics prefix such as http://mimir/prometheus. */
  // Credentials go in `headers`, which are sealed at rest; a user:password@ in the URL would be kept
  // (and shown, and logged) in clear.
  url: z
    .url({ protocol: /^https?$/ })
    .refine((u) => { const { username, password } = new URL(u); return !username && !password; }, { message: "put credentials in headers (e.g. Authorization), not in the URL: headers are sealed at rest" })
    .transform((u) => u.replace(/\/+$/, "")),
  /** Sent with every query, e.g. { "X-Scope-OrgID": "team-a" } for Mimir. */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, "a header name"), z.string().max(4096)).default({}),
  timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
});
export type DataSourceInput = z.infer<typeof dataSourceInputSchema>;

/** What the API shows: header names only, never their values. */
export type DataSourceView = Omit<DataSourceInput, "headers"> & { id: string; headerNames: string[] };
