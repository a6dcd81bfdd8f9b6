import { describe, expect, it } from "vitest";
import { describeEnvErrors, envSchema } from "@/lib/schemas/env";

describe("env schema", () => {
  it("reads STEADYSTATE_INGEST_LISTEN as host and port, and refuses anything else", () => {
    expect(envSchema.parse({}).STEADYSTATE_INGEST_LISTEN).toBeUndefined();
    expect(envSchema.parse({ STEADYSTATE_INGEST_LISTEN: "" }).STEADYSTATE_INGEST_LISTEN).toBeUndefined();
    expect(envSchema.parse({ STEADYSTATE_INGEST_LISTEN: "0.0.0.0:9091" }).STEADYSTATE_INGEST_LISTEN).toEqual({ host: "0.0.0.0", port: 9091 });
    expect(envSchema.parse({ STEADYSTATE_INGEST_LISTEN: "[::1]:9091" }).STEADYSTATE_INGEST_LISTEN).toEqual({ host: "::1", port: 9091 });
    for (const bad of ["9091", "host", "host:port", "a b:1"]) expect(envSchema.safeParse({ STEADYSTATE_INGEST_LISTEN: bad }).success).toBe(false);
  });

  it("defaults to the embedded SQLite database", () => {
    const env = envSchema.parse({});
    expect(env.DATABASE_URL).toEqual({ provider: "sqlite", url: "file:./data/steadystate.db", file: "./data/steadystate.db" });
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.STEADYSTATE_DEMO).toBe(false);
    expect(env.STEADYSTATE_DB_READY_TIMEOUT_MS).toBe(2000);
  });

  it.each([
    ["postgres://u@h:5432/db", "postgresql"],
    ["postgresql://u@h/db", "postgresql"],
    ["file:/var/lib/steadystate.db", "sqlite"],
  ])("reads %s as %s", (url, provider) => {
    expect(envSchema.parse({ DATABASE_URL: url }).DATABASE_URL.provider).toBe(provider);
  });

  it.each([
    [{ DATABASE_URL: "mysql://u@h/db" }, "DATABASE_URL", "expected file:<path> (SQLite) or postgres://"],
    [{ DATABASE_URL: "file:" }, "DATABASE_URL", "file: needs a path"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", "debug"],
    [{ STEADYSTATE_API_TOKEN: "short" }, "STEADYSTATE_API_TOKEN", "at least 16 characters"],
    [{ STEADYSTATE_DEMO: "yes" }, "STEADYSTATE_DEMO", "true"],
    [{ STEADYSTATE_DB_READY_TIMEOUT_MS: "-5" }, "STEADYSTATE_DB_READY_TIMEOUT_MS", ">0"],
  ])("rejects %o naming the variable and what is allowed", (input, variable, allowed) => {
    const result = envSchema.safeParse(input);
    expect(result.success).toBe(false);
    const message = describeEnvErrors(result.error!);
    expect(message).toContain(`${variable}:`);
    expect(message).toContain(allowed);
  });
});

describe("env schema flags", () => {
  it("runs jobs unless STEADYSTATE_JOBS says false", () => {
    expect(envSchema.parse({}).STEADYSTATE_JOBS).toBe(true);
    expect(envSchema.parse({ STEADYSTATE_JOBS: "false" }).STEADYSTATE_JOBS).toBe(false);
    expect(envSchema.parse({ STEADYSTATE_JOBS: "0" }).STEADYSTATE_JOBS).toBe(false);
  });
});
