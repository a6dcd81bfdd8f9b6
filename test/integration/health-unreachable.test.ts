import { freePort } from "../../scripts/free-port.mjs";
import { beforeAll, describe, expect, it } from "vitest";

describe("ready when the database is unreachable", () => {
  beforeAll(async () => {
    // A freed port accepts nothing. This file's modules are its own (vitest isolates files), so
    // the setting affects this file only.
    process.env.DATABASE_URL = `postgresql://nobody@127.0.0.1:${await freePort()}/none`;
    process.env.STEADYSTATE_DB_READY_TIMEOUT_MS = "1500";
  });

  it("answers 503 with the reason", async () => {
    const { GET } = await import("@/app/api/health/ready/route");
    const { call } = await import("../support/http");
    const started = Date.now();
    const res = await call(GET);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ status: "not-ready", database: { provider: "postgresql" } });
    expect(body.database.error).toMatch(/^database unreachable: /);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
