// Generates both Prisma clients (SQLite and PostgreSQL) from the two schemas; runs on npm install.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

// `npm install --package-lock-only` runs this hook too, with nothing installed.
if (!existsSync("node_modules/prisma/build/index.js")) process.exit(0);

for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], { stdio: ["ignore", "ignore", "inherit"] });
}
console.log("generated Prisma clients for SQLite and PostgreSQL");
