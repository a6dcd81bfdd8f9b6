// Applies pending migrations to DATABASE_URL (npm run db:migrate; also run by `npm start`).
// prisma migrate deploy only applies committed migrations, never resets, and holds an advisory
// lock on PostgreSQL, so two instances starting together are safe.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseTarget } from "../lib/database-url";

const target = databaseTarget(process.env.DATABASE_URL);
if (target.provider === "sqlite") mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });

execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, DATABASE_URL: target.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});

if (target.provider === "sqlite") {
  // WAL lets readers proceed while one writer commits; the mode is stored in the file itself.
  const sqlite = new Database(target.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}
