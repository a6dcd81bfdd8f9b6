import { describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/services/route";
import { GET as getOne } from "@/app/api/services/[slug]/route";
import { call, type CallOptions, type ErrorBody } from "../support/http";

const checkout = { slug: "checkout", name: "Checkout", team: "payments" };

async function storedSlugs(): Promise<string[]> {
  const body = (await (await call(list)).json()) as { services: { slug: string }[] };
  return body.services.map((s) => s.slug);
}

describe("POST /api/services", () => {
  it("creates a service and returns it with 201", async () => {
    const res = await call(create, { method: "POST", json: checkout });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toMatch(/.+/);
    const body = await res.json();
    expect(body).toMatchObject({ ...checkout, description: null });
    expect(await storedSlugs()).toEqual(["checkout"]);
  });

  it("answers 409 CONFLICT for a duplicate slug and keeps the first", async () => {
    const res = await call(create, { method: "POST", json: { ...checkout, name: "Other" } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe("CONFLICT");
    const one = await (await call(getOne, { params: { slug: "checkout" } })).json();
    expect(one.name).toBe("Checkout");
  });

  const rejected: { name: string; status: number; code: string; options: CallOptions<Record<string, never>> }[] = [
    { name: "no token", status: 401, code: "UNAUTHENTICATED", options: { token: null, json: { slug: "a1", name: "A" } } },
    { name: "a wrong token", status: 401, code: "UNAUTHENTICATED", options: { token: "not-the-token-at-all", json: { slug: "a2", name: "A" } } },
    { name: "malformed JSON", status: 400, code: "BAD_REQUEST", options: { body: "{ not json", headers: { "content-type": "application/json" } } },
    { name: "a wrong content type", status: 400, code: "BAD_REQUEST", options: { body: "slug=a3", headers: { "content-type": "text/plain" } } },
    { name: "an invalid slug", status: 422, code: "UNPROCESSABLE", options: { json: { slug: "Not A Slug", name: "A" } } },
    { name: "a missing name", status: 422, code: "UNPROCESSABLE", options: { json: { slug: "a4" } } },
    { name: "an unknown field", status: 422, code: "UNPROCESSABLE", options: { json: { slug: "a5", name: "A", owner: "x" } } },
    { name: "an oversized body", status: 413, code: "PAYLOAD_TOO_LARGE", options: { json: { slug: "a6", name: "A", description: "x".repeat(1024 * 1024) } } },
  ];

  it.each(rejected)("rejects $name with $status and stores nothing", async ({ status, code, options }) => {
    const before = await storedSlugs();
    const res = await call(create, { method: "POST", ...options });
    expect(res.status).toBe(status);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect(await storedSlugs()).toEqual(before);
  });

  it("names each invalid field in the 422 issues", async () => {
    const res = await call(create, { method: "POST", json: { slug: "-bad-", name: "" } });
    const body = (await res.json()) as ErrorBody;
    expect(body.error.issues?.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["slug", "name"]));
  });
});

describe("GET /api/services/[slug]", () => {
  it("answers 404 NOT_FOUND in the one error shape", async () => {
    const res = await call(getOne, { params: { slug: "nope" }, headers: { "x-request-id": "trace-123" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: 'service "nope" not found', requestId: "trace-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-123");
  });
});
