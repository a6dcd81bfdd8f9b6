// Starts a throwaway PostgreSQL on 127.0.0.1 for the tests, and stops it.
//   node scripts/pg-server.mjs start <dir>   prints the connection URL; the server keeps running
//   node scripts/pg-server.mjs stop <dir>
// initdb refuses to run as root, so as root the cluster is owned by the unprivileged `nobody`.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "./free-port.mjs";

export function pgBin(name) {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(root, v, "bin", name);
    if (existsSync(bin)) return bin;
  }
  throw new Error(`PostgreSQL's ${name} not found under ${root}: install Debian's postgresql package`);
}


const isRoot = process.getuid?.() === 0;
const USER = "nobody";

export function runAsOwner(bin, args) {
  const [cmd, argv] = isRoot ? ["runuser", ["-u", USER, "--", bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
}

/** Makes `dir` the unprivileged owner's (as root), mode 700, as initdb wants. */
export function ownDir(dir) {
  mkdirSync(dir, { recursive: true });
  if (isRoot) {
    const id = (flag) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  chmodSync(dir, 0o700);
}

export async function startPostgres(dir) {
  const data = path.join(dir, "data");
  ownDir(dir);
  runAsOwner(pgBin("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
  const port = await freePort();
  // Durability off: this cluster is thrown away after the tests, and fsync only slows them.
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  runAsOwner(pgBin("pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  writeFileSync(path.join(dir, "url"), url);
  return url;
}

export function stopPostgres(dir) {
  const data = path.join(dir, "data");
  if (!existsSync(path.join(data, "postmaster.pid"))) return;
  runAsOwner(pgBin("pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (!dir || (command !== "start" && command !== "stop")) {
    console.error("usage: node scripts/pg-server.mjs start|stop <dir>");
    process.exit(2);
  }
  if (command === "start") console.log(await startPostgres(path.resolve(dir)));
  else stopPostgres(path.resolve(dir));
}
