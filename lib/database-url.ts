// Which database a DATABASE_URL names. Plain TypeScript with no imports, because both the
// Prisma CLI config (outside Next) and lib/server/env.ts read it.

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgresql"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/steadystate.db";

export function databaseTarget(raw: string | undefined): DatabaseTarget {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file === "") throw new Error("DATABASE_URL: file: needs a path, e.g. file:./data/steadystate.db");
    return { provider: "sqlite", url, file };
  }
  throw new Error(
    `DATABASE_URL: expected file:<path> (SQLite) or postgres://… (PostgreSQL), got "${url.split(":")[0]}:…"`,
  );
}
