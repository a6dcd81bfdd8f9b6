// Derives prisma/postgres/schema.prisma from the SQLite source schema: one source of truth,
// one schema per provider (Prisma cannot switch provider at run time). `--check` exits non-zero
// when the committed derived schema has drifted from the source.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const SOURCE = "prisma/schema.prisma";
const TARGET = "prisma/postgres/schema.prisma";

export function derivePostgresSchema(source) {
  const out = source
    .replace(/^\/\/ Source schema[^\n]*\n(\/\/[^\n]*\n)*/m, "// DERIVED from prisma/schema.prisma by `npm run db:schemas`. Do not edit.\n")
    .replace(/(output\s*=\s*)"\.\/generated\/sqlite"/, '$1"../generated/postgres"')
    .replace(/datasource db \{[^}]*\}/, 'datasource db {\n  provider = "postgresql"\n  url      = "postgresql://placeholder@localhost/placeholder"\n}');
  if (out.includes("generated/sqlite") || !out.includes('provider = "postgresql"')) {
    throw new Error("db-schemas: the source schema's generator or datasource block changed shape; update scripts/db-schemas.mjs");
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const derived = derivePostgresSchema(readFileSync(SOURCE, "utf8"));
  if (process.argv.includes("--check")) {
    const committed = readFileSync(TARGET, "utf8");
    if (committed !== derived) {
      console.error(`${TARGET} is out of date: run npm run db:schemas`);
      process.exit(1);
    }
  } else {
    mkdirSync("prisma/postgres", { recursive: true });
    writeFileSync(TARGET, derived);
    console.log(`wrote ${TARGET}`);
  }
}
