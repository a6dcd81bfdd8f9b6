// Generates both Prisma clients (SQLite and PostgreSQL) from the two schemas; runs on npm install.
import { execFileSync } from "node:child_process";

for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate", "--schema", schema], { stdio: ["ignore", "ignore", "inherit"] });
}
console.log("generated Prisma clients for SQLite and PostgreSQL");
