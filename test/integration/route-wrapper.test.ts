import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/server/errors";
import { parseJson, route } from "@/lib/server/http";
import { createService } from "@/lib/server/services/services";
import { call, type ErrorBody } from "../support/http";

describe("route wrapper", () => {
  it("turns an unexpected error into a generic 500 with the request id, details only in the log", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = route({ name: "/test/boom", access: "public" }, async () => {
      throw new Error("secret connection string postgres://u:p@db");
    });
    const res = await call(handler);
    expect(res.status).toBe(500);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect(spy.mock.calls.flat().join(" ")).toContain(body.error.requestId);
    spy.mockRestore();
  });

  it("maps a unique-key violation from the database to 409", async () => {
    const handler = route({ name: "/test/dup", access: "public" }, async () => {
      await createService({ slug: "dup", name: "Dup" });
      return createService({ slug: "dup", name: "Dup again" });
    });
    const res = await call(handler);
    expect(res.status).toBe(409);
  });

  it("passes an AppError's status and headers through", async () => {
    const handler = route({ name: "/test/limited", access: "public" }, async () => {
      throw new AppError("RATE_LIMITED", "slow down", { headers: { "retry-after": "7" } });
    });
    const res = await call(handler);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("checks the token before running the handler", async () => {
    const ran = vi.fn();
    const handler = route({ name: "/test/guarded", access: "write" }, async () => {
      ran();
      return {};
    });
    expect((await call(handler, { token: null })).status).toBe(401);
    expect(ran).not.toHaveBeenCalled();
    expect((await call(handler)).status).toBe(200);
  });

  it("replaces a malformed incoming request id", async () => {
    const handler = route({ name: "/test/id", access: "public" }, async () => ({}));
    const res = await call(handler, { headers: { "x-request-id": "bad id with spaces <script>" } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("rejects a declared content-length over the limit before reading the body", async () => {
    const handler = route({ name: "/test/size", access: "public" }, async ({ req }) => parseJson(req, z.object({}), 10));
    const res = await call(handler, { method: "POST", json: { a: "0123456789" } });
    expect(res.status).toBe(413);
  });
});
