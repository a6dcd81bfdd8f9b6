// npm run db:migration -- <name>: writes one migration per provider for the change between the
// committed source schema (git HEAD, or --from <ref>) and the working copy. Run it before you
// commit the schema change. PostgreSQL's diff needs a server, so a throwaway one is started.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { derivePostgresSchema } from "./db-schemas.mjs";
import { startPostgres, stopPostgres } from "./pg-server.mjs";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { from: { type: "string", default: "HEAD" } } });
const [name] = positionals;
const ref = values.from;
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name> [--from <git ref>]");
  process.exit(2);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const tmp = mkdtempSync(path.join(os.tmpdir(), "steadystate-migration-"));
execFileSync("chmod", ["711", tmp]);
const oldSource = execFileSync("git", ["show", `${ref}:prisma/schema.prisma`], { encoding: "utf8" });
const newSource = readFileSync("prisma/schema.prisma", "utf8");
writeFileSync("prisma/postgres/schema.prisma", derivePostgresSchema(newSource));

function diff(from, to, databaseUrl) {
  return execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

const pgDir = path.join(tmp, "pg");
try {
  const targets = [
    { dir: "prisma/migrations", old: oldSource, current: "prisma/schema.prisma", url: `file:${path.join(tmp, "diff.db")}` },
    { dir: "prisma/postgres/migrations", old: derivePostgresSchema(oldSource), current: "prisma/postgres/schema.prisma", url: await startPostgres(pgDir) },
  ];
  for (const target of targets) {
    const oldFile = path.join(tmp, `${path.basename(path.dirname(target.current))}-old.prisma`);
    writeFileSync(oldFile, target.old);
    const sql = diff(oldFile, target.current, target.url);
    if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
      console.error(`no schema change since ${ref}: nothing to migrate`);
      process.exit(1);
    }
    const out = path.join(target.dir, `${stamp}_${name}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "migration.sql"), sql);
    console.log(`wrote ${out}/migration.sql`);
  }
} finally {
  stopPostgres(pgDir);
  rmSync(tmp, { recursive: true, force: true });
}
