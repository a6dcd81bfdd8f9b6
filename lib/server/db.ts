import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/prisma/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/prisma/generated/postgres/client";
import type { DatabaseTarget } from "@/lib/database-url";
import { env } from "./env";
import { metrics } from "./metrics";

// Both generated clients expose the same model API (one source schema, see scripts/db-schemas.mjs);
// the SQLite client's type stands for both.
function createBaseClient(target: DatabaseTarget): SqliteClient {
  if (target.provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
    return new PostgresClient({ adapter }) as unknown as SqliteClient;
  }
  mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
  // busy timeout: a second writer waits instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSQLite3({ url: target.url, timeout: 5_000 });
  return new SqliteClient({ adapter });
}

function withQueryTiming(client: SqliteClient) {
  const { dbDuration } = metrics();
  return client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const end = dbDuration.startTimer({ model: model ?? "raw", operation });
        try {
          const result = await query(args);
          end({ outcome: "ok" });
          return result;
        } catch (error) {
          end({ outcome: "error" });
          throw error;
        }
      },
    },
  });
}

export type Db = ReturnType<typeof withQueryTiming>;

const globalForDb = globalThis as unknown as { steadystateDb?: { db: Db; base: SqliteClient } };

function connect() {
  if (!globalForDb.steadystateDb) {
    const base = createBaseClient(env().DATABASE_URL);
    globalForDb.steadystateDb = { base, db: withQueryTiming(base) };
  }
  return globalForDb.steadystateDb;
}

export function db(): Db {
  return connect().db;
}

export async function disconnectDb(): Promise<void> {
  const current = globalForDb.steadystateDb;
  globalForDb.steadystateDb = undefined;
  await current?.base.$disconnect();
}
