import path from "node:path";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseTarget } from "./lib/database-url";

// The CLI (migrate deploy/diff) runs on the WebAssembly schema engine shipped in the npm package,
// so nothing is downloaded (architecture.md, "Prisma here").
const target = databaseTarget(process.env.DATABASE_URL);
const dir = target.provider === "postgresql" ? "prisma/postgres" : "prisma";

// PostgreSQL catalog types that arrive as strings: "char" (18) and name (19).
const PG_CATALOG_STRING_OIDS = new Set([18, 19]);
const PG_TEXT_OID = 25;

// The schema engine reads PostgreSQL's catalogs, whose columns have types `name` and `"char"`, which
// @prisma/adapter-pg 6.19 rejects ("Column type 'name' could not be deserialized", prisma/orm#27403).
// Their values arrive as plain strings already, so reporting them as `text` is exact. Only the
// CLI uses this client; the app's own queries never touch the catalogs.
function asText(result: pg.QueryResult | undefined) {
  for (const field of result?.fields ?? []) if (PG_CATALOG_STRING_OIDS.has(field.dataTypeID)) field.dataTypeID = PG_TEXT_OID;
  return result;
}

class CatalogSafeClient extends pg.Client {
  // @ts-expect-error pg's overloads cannot be restated in a subclass.
  query(...args: unknown[]) {
    const query = super.query as (...a: unknown[]) => Promise<pg.QueryResult> | undefined;
    const last = args.at(-1);
    // The pool calls with a callback; direct callers use the promise.
    if (typeof last === "function") {
      return query.apply(this, [...args.slice(0, -1), (error: Error | null, result?: pg.QueryResult) => last(error, asText(result))]);
    }
    return query.apply(this, args)?.then(asText);
  }
}

function sqliteAdapter(url: string, file: string) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new PrismaBetterSQLite3({ url });
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  adapter: async () =>
    target.provider === "postgresql"
      ? new PrismaPg(new pg.Pool({ connectionString: target.url, Client: CatalogSafeClient as unknown as typeof pg.Client }))
      : sqliteAdapter(target.url, target.file),
});
