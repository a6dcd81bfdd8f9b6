import { beforeEach, expect, it } from "vitest";
import { POST as registerRoute } from "@/app/api/replication/clusters/route";
import { db } from "@/lib/server/db";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";
import { resetReplication } from "../support/replication";

delete process.env.STEADYSTATE_SECRET_KEY;

beforeEach(async () => {
  await resetDatabase();
  await resetReplication();
});

it("without STEADYSTATE_SECRET_KEY a connection string is refused, never stored in clear; exporter clusters need none", async () => {
  const res = await call(registerRoute, { method: "POST", json: { kind: "postgres", name: "orders-db", members: [{ name: "db1", role: "primary", connection: "postgresql://app:pw@db1/app" }] } });
  expect(res.status).toBe(503);
  expect((await res.json() as ErrorBody).error.message).toMatch(/set STEADYSTATE_SECRET_KEY/);
  expect(await db().replicationCluster.count()).toBe(0);
  const metrics = await call(registerRoute, { method: "POST", json: { kind: "metrics", name: "shop-mysql", exporter: "mysqld_exporter" } });
  expect(metrics.status).toBe(201);
});
