import { describe, expect, it } from "vitest";
import { describeConnectError } from "@/lib/server/replication/pg-probe";
import { connectionStringSchema, maskConnection } from "@/lib/schemas/replication";

describe("connection strings", () => {
  it.each([
    ["postgresql://app:s3cret@db1:5432/orders", "postgresql://app:****@db1:5432/orders"],
    ["postgres://app@db1/orders?sslmode=require&password=s3cret", "postgres://app@db1/orders?sslmode=require&password=****"],
    ["postgresql://db1/orders", "postgresql://db1/orders"],
    ["not a url", "(unreadable connection string)"],
  ])("masks %s", (input, masked) => {
    expect(maskConnection(input)).toBe(masked);
  });

  it.each([
    ["postgresql://app:pw@db1:5432/app", true],
    ["postgres://db1/app", true],
    ["mysql://app@db1/app", false],
    ["host=db1 user=app", false],
    ["postgresql:///app", false],
  ])("%s is accepted: %s", (value, ok) => {
    expect(connectionStringSchema.safeParse(value).success).toBe(ok);
  });
});

describe("describeConnectError", () => {
  it.each([
    [{ code: "28P01", message: 'password authentication failed for user "app"' }, 'wrong password: password authentication failed for user "app"'],
    [{ code: "28000", message: 'no pg_hba.conf entry for host "10.0.0.9"' }, 'access refused: no pg_hba.conf entry for host "10.0.0.9"'],
    [{ code: "3D000", message: 'database "nope" does not exist' }, 'no such database: database "nope" does not exist'],
    [{ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:9" }, "connection refused: is PostgreSQL running and listening on that host and port?"],
    [{ code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND db9" }, "host not found: check the host name"],
    [new Error("Connection terminated due to connection timeout"), "no answer within 2000 ms: the host is unreachable or overloaded"],
    [{ code: "57014", message: "canceling statement due to statement timeout" }, "no answer within 2000 ms: the host is unreachable or overloaded"],
    [{ code: "XX000", message: "something else" }, "something else"],
  ])("%o → %s", (error, text) => {
    expect(describeConnectError(error, 2000)).toBe(text);
  });
});
