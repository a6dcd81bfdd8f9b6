// The two providers' schemas and migrations must describe the same database. Fails when someone
// edits one schema, or adds a migration for one provider only or that does not match its schema.
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate, withDatabase } from "../support/global-setup";

const prismaCli = (args: string[], databaseUrl: string) =>
  spawnSync(process.execPath, ["node_modules/prisma/build/index.js", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });

const migrationNames = (dir: string) =>
  readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Tables, columns, indexes and foreign keys of a SQLite file, in a comparable form. */
function sqliteStructure(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
    .all() as { name: string }[];
  const structure = tables.map(({ name }) => ({
    name,
    // By name, not position: ALTER TABLE ADD COLUMN appends, which is no drift.
    columns: (db.pragma(`table_info("${name}")`) as { cid: number; name: string }[])
      .map(({ cid: _position, ...column }) => column)
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: (db.pragma(`index_list("${name}")`) as { name: string; unique: number }[])
      .map((index) => ({ ...index, columns: db.pragma(`index_info("${index.name}")`) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: db.pragma(`foreign_key_list("${name}")`),
  }));
  db.close();
  return structure;
}

describe("schema drift", () => {
  it("prisma/postgres/schema.prisma is the one derived from prisma/schema.prisma", () => {
    expect(() => execFileSync(process.execPath, ["scripts/db-schemas.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("both providers have the same migrations", () => {
    expect(migrationNames("prisma/postgres/migrations")).toEqual(migrationNames("prisma/migrations"));
  });

  it("this provider's migrations produce exactly its schema", async () => {
    const adminUrl = process.env.STEADYSTATE_TEST_PG_URL;
    if (adminUrl) {
      // migrate diff replays the migrations into this empty database (its shadow) and compares.
      const name = `steadystate_drift_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const args = ["migrate", "diff", "--from-migrations", "prisma/postgres/migrations", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--exit-code"];
      const result = prismaCli(args, withDatabase(adminUrl, name));
      expect(result.stdout + result.stderr).toContain("No difference detected");
      expect(result.status).toBe(0);
      return;
    }
    // Prisma's shadow replay fails on SQLite with driver adapters, so build both databases and
    // compare their structure: one from the migrations, one straight from the schema.
    const base = process.env.DATABASE_URL!.slice("file:".length);
    const fromMigrations = `${base}.migrations.db`;
    const fromSchema = `${base}.schema.db`;
    migrate(`file:${fromMigrations}`);
    const script = prismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], `file:${fromSchema}`);
    expect(script.status).toBe(0);
    const db = new Database(fromSchema);
    db.exec(script.stdout);
    db.close();
    expect(sqliteStructure(fromMigrations)).toEqual(sqliteStructure(fromSchema));
  });
});
