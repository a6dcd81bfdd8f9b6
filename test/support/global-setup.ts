// Runs once per vitest run: migrates a template database that every test file then copies, so
// each file starts from a fresh, fully migrated database. STEADYSTATE_TEST_PG_URL (set by
// scripts/test.sh) selects PostgreSQL; without it the run uses SQLite.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

export type TestDatabase = { provider: "sqlite"; templateFile: string; dir: string } | { provider: "postgresql"; adminUrl: string; template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabase;
  }
}

export function migrate(databaseUrl: string): void {
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/db-migrate.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.STEADYSTATE_TEST_PG_URL;
  if (adminUrl) {
    const template = `steadystate_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    migrate(withDatabase(adminUrl, template));
    project.provide("testDatabase", { provider: "postgresql", adminUrl, template });
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "steadystate-test-"));
  const templateFile = path.join(dir, "template.db");
  migrate(`file:${templateFile}`);
  project.provide("testDatabase", { provider: "sqlite", templateFile, dir });
  return () => rmSync(dir, { recursive: true, force: true });
}
