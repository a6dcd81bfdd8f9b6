import { beforeEach, describe, expect, it } from "vitest";
import { GET as eventsRoute } from "@/app/api/events/route";
import { DELETE as deleteRoute, GET as clusterRoute } from "@/app/api/replication/clusters/[id]/route";
import { GET as listRoute, POST as registerRoute } from "@/app/api/replication/clusters/route";
import { flushIngest, storeSamples } from "@/lib/server/ingest/store";
import { probeReplication } from "@/lib/server/jobs/probe-replication";
import { db } from "@/lib/server/db";
import { createService } from "@/lib/server/services/services";
import { listClusterSummaries } from "@/lib/server/services/replication";
import { call, type ErrorBody } from "../support/http";
import { readFixture } from "../support/exposition";
import { resetDatabase } from "../support/reset-db";
import { resetReplication, TEST_SECRET_KEY } from "../support/replication";

process.env.STEADYSTATE_SECRET_KEY = TEST_SECRET_KEY;

beforeEach(async () => {
  await resetDatabase();
  await resetReplication();
});

const NOW = Date.now();
const MIN = 60_000;
const pgBody = { kind: "postgres", name: "orders-db", members: [{ name: "db1", role: "primary", connection: "postgresql://app:hunter22@db1.internal:5432/orders" }] };

async function scrape(file: string, instance: string, minutesAgo: number[], values: Record<string, number> = {}) {
  const samples = readFixture(file, { instance, cluster: "shop" }).map((s) => ({ ...s, value: values[s.metric] ?? s.value }));
  await storeSamples(samples.map((s) => ({ metric: s.metric, labels: s.labels, samples: minutesAgo.map((m) => ({ t: NOW - m * MIN, v: s.value })) })), new Date(NOW));
  await flushIngest();
}

describe("replication API", () => {
  it("registers a cluster, shows the connection masked and never the password; refuses bad input with field paths and stores nothing", async () => {
    const res = await call(registerRoute, { method: "POST", json: pgBody });
    expect(res.status).toBe(201);
    const cluster = await res.json();
    expect(cluster).toMatchObject({ name: "orders-db", kind: "postgres", maxLagSeconds: 30, maxLagBytes: 16 * 1024 * 1024, timeoutMs: 3000, paused: false, state: null });
    expect(cluster.members).toEqual([expect.objectContaining({ name: "db1", role: "primary", state: "unknown", connection: "postgresql://app:****@db1.internal:5432/orders" })]);
    expect(JSON.stringify(await (await call(listRoute)).json())).not.toContain("hunter22");

    const cases: [unknown, (string | number)[]][] = [
      [{ ...pgBody, members: [{ ...pgBody.members[0], role: "replica" }] }, ["members"]],
      [{ ...pgBody, members: [{ ...pgBody.members[0], connection: "mysql://x@y/z" }] }, ["members", 0, "connection"]],
      [{ ...pgBody, members: [pgBody.members[0], { ...pgBody.members[0], role: "replica" }] }, ["members"]],
      [{ ...pgBody, name: "Orders DB" }, ["name"]],
      [{ ...pgBody, maxLagSeconds: -1 }, ["maxLagSeconds"]],
      [{ kind: "metrics", name: "m", exporter: "oracle" }, ["exporter"]],
    ];
    for (const [json, path] of cases) {
      const bad = await call(registerRoute, { method: "POST", json });
      expect(bad.status).toBe(422);
      expect((await bad.json() as ErrorBody).error.issues?.map((i) => i.path)).toContainEqual(path);
    }
    expect(await call(registerRoute, { method: "POST", json: pgBody, token: null }).then((r) => r.status)).toBe(401);
    expect(await call(registerRoute, { method: "POST", json: pgBody }).then((r) => r.status)).toBe(409);
    expect(await db().replicationCluster.count()).toBe(1);

    expect((await call(deleteRoute, { method: "DELETE", params: { id: cluster.id } })).status).toBe(204);
    expect((await call(clusterRoute, { params: { id: cluster.id } })).status).toBe(404);
  });

  it("reads exporter clusters from ingested series: states, a vanished series as stopped, events with the service", async () => {
    await createService({ slug: "shop", name: "Shop" });
    await scrape("mysqld-exporter-replica.prom", "mysql-2:9104", [3, 2, 1]);
    await scrape("patroni-primary.prom", "10.0.0.1:8008", [2, 1]);
    // The documentation's replay timestamp is from 2024; make it 2 s before now, as a live replica's is.
    await scrape("patroni-replica.prom", "10.0.0.2:8008", [2, 1], { patroni_xlog_replayed_timestamp: NOW / 1000 - 2 });
    const register = async (json: unknown) => (await (await call(registerRoute, { method: "POST", json })).json()).id as string;
    const mysql = await register({ kind: "metrics", name: "shop-mysql", service: "shop", exporter: "mysqld_exporter", matchers: { cluster: "shop" }, maxLagSeconds: 10 });
    const patroni = await register({ kind: "metrics", name: "shop-patroni", service: "shop", exporter: "patroni", matchers: { scope: "batman" } });

    expect(await probeReplication(new Date(NOW))).toMatchObject({ clusters: 2, failed: 0, failovers: 0 });
    const [m, p] = await listClusterSummaries(new Date(NOW), { service: "shop" });
    expect(m!.members.map((x) => [x.name, x.role, x.state, x.lagSeconds])).toEqual([["mysql-2:9104", "replica", "lagging", 12]]);
    expect(p!.members.map((x) => [x.name, x.role, x.state, x.lagSeconds, x.lagBytes, x.timeline])).toEqual([["patroni1", "primary", "ok", null, null, 24], ["patroni2", "replica", "ok", 2, 65536, 24]]);
    expect(m!.sparklines["mysql-2:9104"]).toEqual([12, 12, 12]);
    expect(p!.sparklines.patroni2).toEqual([65536, 65536]);

    // Six minutes on, mysqld_exporter's slave status series have not come back: stopped, not 0 s behind.
    const later = new Date(NOW + 6 * MIN);
    await probeReplication(later);
    const detail = await (await call(clusterRoute, { path: `/api/replication/clusters/${mysql}?range=1h`, params: { id: mysql } })).json();
    expect(detail.cluster.members[0]).toMatchObject({ state: "stopped", lagSeconds: null, error: expect.stringMatching(/vanished/) });
    expect(detail.chart.seconds.some((pt: Record<string, number | null>) => pt.m0 === 12)).toBe(true);

    const path = `/api/events?from=${new Date(NOW - MIN).toISOString()}&to=${new Date(NOW + 10 * MIN).toISOString()}&service=shop&kind=replication,failover`;
    const { events } = await (await call(eventsRoute, { path })).json();
    // Patroni's leader went quiet too: that is a lost primary (a failover signal), its replica stopped.
    // Clusters are probed at once, so only each cluster's own events have an order.
    const of = (subject: string) => events.filter((e: { subject: string }) => e.subject === subject).map((e: { kind: string; title: string }) => [e.kind, e.title]);
    expect(events).toHaveLength(5);
    expect(of(mysql)).toEqual([
      ["replication", "shop-mysql: mysql-2:9104 new → lagging"],
      ["replication", "shop-mysql: mysql-2:9104 lagging → stopped"],
    ]);
    expect(of(patroni)).toEqual([
      ["failover", "shop-patroni: patroni1 primary unreachable"],
      ["replication", "shop-patroni: patroni1 ok → unreachable"],
      ["replication", "shop-patroni: patroni2 ok → stopped"],
    ]);
  });
});
