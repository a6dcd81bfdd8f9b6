import { describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { call } from "../support/http";

describe("health", () => {
  it("live answers 200 without touching the database", async () => {
    const res = await call(live);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "live" });
  });

  it("ready answers 200 when the database answers", async () => {
    const res = await call(ready);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ready");
    expect(body.database.provider).toBe(process.env.STEADYSTATE_TEST_PG_URL ? "postgresql" : "sqlite");
  });
});
