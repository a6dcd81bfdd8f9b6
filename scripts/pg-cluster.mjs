// A throwaway PostgreSQL primary with one streaming replica on 127.0.0.1, for the replication
// tests: initdb, then pg_basebackup -R -X stream -C -S (a physical slot named after the replica),
// run as an unprivileged user in `dir`. TCP logins need a password (scram-sha-256), so a wrong one
// can be tested; replication connections from 127.0.0.1 are trusted.
//   node scripts/pg-cluster.mjs start <dir>   prints the primary's and the replica's URLs
//   node scripts/pg-cluster.mjs stop <dir>
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "./free-port.mjs";
import { ownDir, pgBin, runAsOwner } from "./pg-server.mjs";

export const REPLICA = "replica1";
const PASSWORD = "probe-secret-1";

function startNode(dir, data, port, extra = "") {
  // Durability off: thrown away afterwards. Status every second, so lag figures move quickly.
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -k ${dir} -c fsync=off -c full_page_writes=off -c wal_receiver_status_interval=1s ${extra}`;
  runAsOwner(pgBin("pg_ctl"), ["-D", data, "-l", path.join(dir, `${path.basename(data)}.log`), "-o", options, "-w", "-t", "60", "start"]);
}

/** @returns {Promise<{ primaryUrl: string; replicaUrl: string; password: string; primaryPort: number; replicaPort: number }>} */
export async function startCluster(dir) {
  ownDir(dir);
  const primary = path.join(dir, "primary");
  const replica = path.join(dir, "replica");
  const pwfile = path.join(dir, "pwfile");
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  runAsOwner(pgBin("initdb"), ["-D", primary, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", `--pwfile=${pwfile}`, "-E", "UTF8", "--no-instructions"]);
  const hba = path.join(primary, "pg_hba.conf");
  writeFileSync(hba, `host replication all 127.0.0.1/32 trust\n${readFileSync(hba, "utf8")}`);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  startNode(dir, primary, primaryPort);
  runAsOwner(pgBin("pg_basebackup"), ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replica, "-R", "-X", "stream", "-C", "-S", REPLICA]);
  // cluster_name becomes the walreceiver's application_name on the primary.
  startNode(dir, replica, replicaPort, `-c cluster_name=${REPLICA}`);
  const url = (port) => `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const info = { primaryUrl: url(primaryPort), replicaUrl: url(replicaPort), password: PASSWORD, primaryPort, replicaPort };
  writeFileSync(path.join(dir, "cluster.json"), JSON.stringify(info));
  return info;
}

/** Stops one node ("primary" or "replica") if it runs; fast mode, bounded by pg_ctl's own wait. */
export function stopNode(dir, node) {
  const data = path.join(dir, node);
  if (!existsSync(path.join(data, "postmaster.pid"))) return;
  runAsOwner(pgBin("pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
}

/** Starts a stopped node again on its old port (from cluster.json). */
export function restartNode(dir, node) {
  const info = JSON.parse(readFileSync(path.join(dir, "cluster.json"), "utf8"));
  startNode(dir, path.join(dir, node), node === "primary" ? info.primaryPort : info.replicaPort, node === "replica" ? `-c cluster_name=${REPLICA}` : "");
}

/** pg_ctl promote on the replica: it leaves recovery on a new timeline. */
export function promoteReplica(dir) {
  runAsOwner(pgBin("pg_ctl"), ["-D", path.join(dir, "replica"), "-w", "-t", "30", "promote"]);
}

/** Stops both nodes, each even if the other fails; safe to call twice. */
export function stopCluster(dir) {
  const errors = [];
  for (const node of ["replica", "primary"]) {
    try {
      stopNode(dir, node);
    } catch (error) {
      errors.push(error);
      appendFileSync(path.join(dir, "stop-errors.log"), `${node}: ${error}\n`);
    }
  }
  if (errors.length) throw errors[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (!dir || (command !== "start" && command !== "stop")) {
    console.error("usage: node scripts/pg-cluster.mjs start|stop <dir>");
    process.exit(2);
  }
  if (command === "start") console.log(JSON.stringify(await startCluster(path.resolve(dir)), null, 2));
  else stopCluster(path.resolve(dir));
}
