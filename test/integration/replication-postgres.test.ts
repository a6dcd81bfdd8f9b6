// A real PostgreSQL primary and streaming replica (scripts/pg-cluster.mjs), probed through the API.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as clusterRoute } from "@/app/api/replication/clusters/[id]/route";
import { POST as probeRoute } from "@/app/api/replication/clusters/[id]/probe/route";
import { POST as registerRoute } from "@/app/api/replication/clusters/route";
import { db } from "@/lib/server/db";
import { probeReplication } from "@/lib/server/jobs/probe-replication";
import type { ClusterView, MemberView } from "@/lib/schemas/replication";
import { promoteReplica, REPLICA, restartNode, startCluster, stopCluster, stopNode, type StartedCluster } from "../../scripts/pg-cluster.mjs";
import { freePort } from "../../scripts/free-port.mjs";
import { call } from "../support/http";
import { resetDatabase } from "../support/reset-db";
import { resetReplication, TEST_SECRET_KEY, waitFor } from "../support/replication";

process.env.STEADYSTATE_SECRET_KEY = TEST_SECRET_KEY;

let base = "";
let dir = "";
let pgc: StartedCluster;

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), "steadystate-repl-"));
  chmodSync(base, 0o711); // the unprivileged server user must reach its folder inside
  dir = path.join(base, "cluster");
  pgc = await startCluster(dir);
}, 120_000);

afterAll(() => {
  try {
    if (dir) stopCluster(dir);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}, 120_000);

beforeEach(async () => {
  await resetDatabase();
  await resetReplication();
});

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, statement_timeout: 10_000 });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function register(body: unknown): Promise<ClusterView> {
  const res = await call(registerRoute, { method: "POST", path: "/api/replication/clusters", json: body });
  expect(res.status).toBe(201);
  return res.json();
}

async function probe(id: string): Promise<ClusterView> {
  const res = await call(probeRoute, { method: "POST", params: { id } });
  expect(res.status).toBe(200);
  return res.json();
}

const member = (c: ClusterView, name: string) => c.members.find((m) => m.name === name) as MemberView;
const write = (kib: number) => sql(pgc.primaryUrl, `INSERT INTO filler SELECT g, repeat('x', 1000) FROM generate_series(1, ${kib}) g`);

describe("replication probe against a real primary and streaming replica", () => {
  it("sees lag ≈ 0 streaming, lag growing while replay is paused and recovering, a stopped replica, and a promotion as a failover", async () => {
    const cluster = await register({
      kind: "postgres", name: "orders-db", maxLagSeconds: 60, maxLagBytes: 256 * 1024, timeoutMs: 2000,
      members: [{ name: "primary", role: "primary", connection: pgc.primaryUrl }, { name: REPLICA, role: "replica", connection: pgc.replicaUrl }],
    });
    // Never the password: not in the answer, not in the stored row.
    expect(JSON.stringify(cluster)).not.toContain(pgc.password);
    expect(member(cluster, "primary").connection).toBe(`postgresql://postgres:****@127.0.0.1:${pgc.primaryPort}/postgres`);
    const stored = await db().replicationMember.findMany({ where: { clusterId: cluster.id } });
    expect(stored.every((m) => m.connection?.startsWith("v1.") && !m.connection.includes(pgc.password))).toBe(true);

    // Streaming and idle: replay_lag is NULL, which is 0; nothing outstanding.
    await sql(pgc.primaryUrl, "CREATE TABLE filler (id int, pad text)");
    let seen = await waitFor(() => probe(cluster.id), (c) => member(c, REPLICA).lagBytes === 0);
    expect(member(seen, "primary")).toMatchObject({ role: "primary", state: "ok", timeline: 1, inRecovery: false });
    expect(member(seen, REPLICA)).toMatchObject({ role: "replica", state: "ok", lagBytes: 0, lagSeconds: 0, inRecovery: true, timeline: 1 });
    expect(seen.state).toBe("ok");

    // Replay paused while the primary writes: bytes and seconds grow, the replica is lagging.
    await write(10);
    await waitFor(() => probe(cluster.id), (c) => member(c, REPLICA).lagBytes === 0);
    await sql(pgc.replicaUrl, "SELECT pg_wal_replay_pause()");
    await new Promise((r) => setTimeout(r, 1500));
    await write(1024);
    seen = await waitFor(() => probe(cluster.id), (c) => (member(c, REPLICA).lagBytes ?? 0) > 256 * 1024);
    const first = member(seen, REPLICA);
    expect(first.state).toBe("lagging");
    expect(first.lagSeconds).toBeGreaterThan(1);
    expect(first.error).toMatch(/replay paused/);
    await write(1024);
    seen = await waitFor(() => probe(cluster.id), (c) => (member(c, REPLICA).lagBytes ?? 0) > first.lagBytes! + 512 * 1024);
    expect(member(seen, REPLICA).lagBytes).toBeGreaterThan(first.lagBytes!);

    // Resumed: it catches up and is ok again.
    await sql(pgc.replicaUrl, "SELECT pg_wal_replay_resume()");
    seen = await waitFor(() => probe(cluster.id), (c) => member(c, REPLICA).lagBytes === 0 && member(c, REPLICA).state === "ok");
    expect(member(seen, REPLICA)).toMatchObject({ state: "ok", lagBytes: 0, lagSeconds: 0 });

    // Shut down: stopped (not zero lag, not unreachable), with the reason.
    stopNode(dir, "replica");
    seen = await waitFor(() => probe(cluster.id), (c) => member(c, REPLICA).state === "stopped");
    expect(member(seen, REPLICA)).toMatchObject({ state: "stopped", lagBytes: null });
    expect(member(seen, REPLICA).error).toMatch(/connection refused/);
    expect(seen.state).toBe("stopped");

    restartNode(dir, "replica");
    seen = await waitFor(() => probe(cluster.id), (c) => member(c, REPLICA).state === "ok");
    expect(member(seen, REPLICA).state).toBe("ok");

    // Promotion: the replica leaves recovery on timeline 2; the old primary is left behind.
    promoteReplica(dir);
    seen = await waitFor(() => probe(cluster.id), (c) => member(c, REPLICA).role === "primary" && member(c, REPLICA).timeline === 2);
    expect(member(seen, REPLICA)).toMatchObject({ role: "primary", state: "ok", inRecovery: false, timeline: 2 });
    expect(member(seen, "primary")).toMatchObject({ role: "primary", state: "stopped" });
    expect(member(seen, "primary").error).toMatch(/fence it/);

    const detail = await (await call(clusterRoute, { path: `/api/replication/clusters/${cluster.id}?range=1h`, params: { id: cluster.id } })).json();
    const failovers = detail.events.filter((e: { kind: string }) => e.kind === "failover");
    expect(failovers).toHaveLength(1);
    expect(failovers[0]).toMatchObject({ subject: cluster.id, detail: { member: REPLICA, reasons: ["timeline-changed", "left-recovery", "role-changed"] } });
    expect(failovers[0].title).toBe("orders-db: replica1 timeline changed 1 → 2, left recovery (promoted), role changed replica → primary");
    const changes = detail.events.filter((e: { kind: string }) => e.kind === "replication").map((e: { detail: { member: string; from: string; to: string } }) => `${e.detail.member} ${e.detail.from}→${e.detail.to}`);
    expect(changes).toEqual([`${REPLICA} ok→lagging`, `${REPLICA} lagging→ok`, `${REPLICA} ok→stopped`, `${REPLICA} stopped→ok`, "primary ok→stopped"]);
    // The chart has the replica's lag over the range, from the stored samples.
    const replicaKey = detail.chart.members.find((m: { label: string }) => m.label === REPLICA).key;
    const peak = Math.max(...detail.chart.bytes.map((p: Record<string, number | null>) => p[replicaKey] ?? 0));
    expect(peak).toBeGreaterThan(512 * 1024);
  }, 120_000);

  it("names a wrong password and an unreachable host, and one bad cluster does not hold up the others", async () => {
    const wrong = pgc.primaryUrl.replace(pgc.password, "not-the-password");
    const closed = `postgresql://postgres:x@127.0.0.1:${await freePort()}/postgres`;
    const bad = await register({ kind: "postgres", name: "wrong-password", timeoutMs: 1000, members: [{ name: "db1", role: "primary", connection: wrong }] });
    const gone = await register({ kind: "postgres", name: "gone", timeoutMs: 1000, members: [{ name: "db1", role: "primary", connection: closed }] });
    const started = Date.now();
    expect(await probeReplication(new Date())).toMatchObject({ clusters: 2, failed: 0 });
    expect(Date.now() - started).toBeLessThan(5000);
    const get = async (id: string) => (await (await call(clusterRoute, { path: `/api/replication/clusters/${id}`, params: { id } })).json()).cluster as ClusterView;
    const [b, g] = [await get(bad.id), await get(gone.id)];
    expect(b.lastError).toBe('wrong password: password authentication failed for user "postgres"');
    expect(member(b, "db1")).toMatchObject({ state: "unreachable", role: "primary" });
    expect(g.lastError).toMatch(/^connection refused/);
    expect(JSON.stringify([b, g])).not.toContain("not-the-password");
  });
});
