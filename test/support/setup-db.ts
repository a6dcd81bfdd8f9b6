// Before each test file: a fresh copy of the migrated template, and the configuration the app
// reads. lib/server/env.ts reads process.env lazily, so setting it here is seen by every import.
import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { withDatabase } from "./global-setup";

export const TEST_API_TOKEN = "test-token-0123456789abcdef";

const testDatabase = inject("testDatabase");
process.env.STEADYSTATE_API_TOKEN = TEST_API_TOKEN;
process.env.LOG_LEVEL = "error";

if (testDatabase.provider === "sqlite") {
  const file = path.join(testDatabase.dir, `${randomUUID()}.db`);
  copyFileSync(testDatabase.templateFile, file);
  process.env.DATABASE_URL = `file:${file}`;
} else {
  const name = `steadystate_t_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: testDatabase.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${testDatabase.template}`);
  await admin.end();
  process.env.DATABASE_URL = withDatabase(testDatabase.adminUrl, name);
}
