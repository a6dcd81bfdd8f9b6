import { beforeEach, describe, expect, it } from "vitest";
import * as signIn from "@/app/api/auth/sign-in/route";
import * as signOut from "@/app/api/auth/sign-out/route";
import * as me from "@/app/api/auth/me/route";
import * as setup from "@/app/api/setup/route";
import * as users from "@/app/api/users/route";
import * as user from "@/app/api/users/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as services from "@/app/api/services/route";
import { db } from "@/lib/server/db";
import { forgetConfiguredAdmin, resetSignInLimits } from "@/lib/server/services/accounts";
import { resetDatabase } from "../support/reset-db";
import { call } from "../support/http";
import { apiToken, signedIn, TEST_PASSWORD } from "../support/accounts";

beforeEach(async () => {
  await resetDatabase();
  resetSignInLimits();
  forgetConfiguredAdmin();
});

const cookieToken = (res: Response) => /steadystate_session=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? null;
const signInAs = (email: string, password: string, extra: { session?: string; headers?: Record<string, string>; origin?: string | null } = {}) =>
  call(signIn.POST, { method: "POST", json: { email, password }, token: null, origin: "http://localhost", ...extra });
const whoAmI = async (session: string) => (await (await call(me.GET, { session, token: null })).json()) as { via: string; role: string | null };
const newService = (session: string, origin?: string | null) =>
  call(services.POST, { method: "POST", json: { slug: "svc", name: "Svc" }, session, token: null, origin });

describe("sign-in and sessions", () => {
  it("sets an httpOnly, SameSite=Lax session cookie and stores only its hash", async () => {
    await signedIn("viewer");
    const res = await signInAs("viewer@example.test", TEST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; over https (X-Forwarded-Proto) it is Secure
    const token = cookieToken(res)!;
    const stored = await db().session.findMany();
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
    expect((await whoAmI(token)).role).toBe("viewer");
    const https = await signInAs("viewer@example.test", TEST_PASSWORD, { headers: { "x-forwarded-proto": "https" }, origin: "https://localhost" });
    expect(https.headers.get("set-cookie")).toMatch(/; Secure/);
  });

  it("rotates the session on sign-in: the cookie held before is not the one after, and is dead", async () => {
    const { session: before } = await signedIn("editor");
    const res = await signInAs("editor@example.test", TEST_PASSWORD, { session: before });
    const after = cookieToken(res)!;
    expect(after).not.toBe(before);
    expect((await whoAmI(before)).via).toBe("none");
    expect((await whoAmI(after)).via).toBe("session");
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    await signedIn("viewer");
    const wrong = await signInAs("viewer@example.test", "not the password");
    const unknown = await signInAs("nobody@example.test", TEST_PASSWORD);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
  });

  it("ends an expired session", async () => {
    const { session } = await signedIn("editor");
    await db().session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await whoAmI(session)).via).toBe("none");
    expect((await newService(session)).status).toBe(401);
  });

  it("signs out here, or everywhere", async () => {
    const { session: first } = await signedIn("editor");
    const second = cookieToken(await signInAs("editor@example.test", TEST_PASSWORD))!;
    const third = cookieToken(await signInAs("editor@example.test", TEST_PASSWORD))!;
    const out = await call(signOut.POST, { method: "POST", session: first, token: null });
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await whoAmI(first)).via).toBe("none");
    expect((await whoAmI(second)).via).toBe("session");
    const everywhere = await call(signOut.POST, { method: "POST", json: { everywhere: true }, session: second, token: null });
    expect(await everywhere.json()).toEqual({ ended: 2 });
    expect((await whoAmI(third)).via).toBe("none");
  });

  it("locks an account out after repeated failures with 429 and Retry-After, even for the right password", async () => {
    await signedIn("viewer");
    for (let i = 0; i < 5; i++) expect((await signInAs("viewer@example.test", "wrong password!")).status).toBe(401);
    const locked = await signInAs("viewer@example.test", TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  }, 60_000);

  it("counts attempts sent at once before their hashes finish: a burst gets 5 tries, not 10, and a success is not held against the account", async () => {
    await signedIn("viewer");
    expect((await signInAs("viewer@example.test", TEST_PASSWORD)).status).toBe(200);
    const burst = await Promise.all(Array.from({ length: 10 }, () => signInAs("viewer@example.test", "wrong password!")));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(5).fill(429)]);
  }, 120_000);

  it("limits failures per client address across accounts", async () => {
    await signedIn("viewer");
    const from = { headers: { "x-forwarded-for": "203.0.113.9" } };
    for (let i = 0; i < 20; i++) await signInAs(`guess${i}@example.test`, "wrong password!", from);
    expect((await signInAs("viewer@example.test", TEST_PASSWORD, from)).status).toBe(429);
    expect((await signInAs("viewer@example.test", TEST_PASSWORD)).status).toBe(200);
  }, 120_000);

  it("ends a disabled person's sessions at once", async () => {
    const { session: adminSession } = await signedIn("admin");
    const { session, userId } = await signedIn("editor");
    const res = await call(user.PATCH, { method: "PATCH", params: { id: userId }, json: { disabled: true }, session: adminSession, token: null });
    expect(res.status).toBe(200);
    expect((await whoAmI(session)).via).toBe("none");
    expect((await signInAs("editor@example.test", TEST_PASSWORD)).status).toBe(401);
  });
});

describe("CSRF", () => {
  it("refuses a cookie-authenticated mutation without an Origin or from a foreign one", async () => {
    const { session } = await signedIn("editor");
    expect((await newService(session, null)).status).toBe(403);
    expect((await newService(session, "https://evil.example")).status).toBe(403);
    expect(await db().service.count()).toBe(0);
    expect((await newService(session, "http://localhost")).status).toBe(201);
  });

  it("accepts Sec-Fetch-Site: same-origin when the browser sends no Origin", async () => {
    const { session } = await signedIn("editor");
    const res = await call(services.POST, { method: "POST", json: { slug: "s2", name: "S2" }, session, token: null, origin: null, headers: { "sec-fetch-site": "same-origin" } });
    expect(res.status).toBe(201);
  });

  it("refuses a forged sign-in from another site", async () => {
    await signedIn("viewer");
    expect((await signInAs("viewer@example.test", TEST_PASSWORD, { origin: "https://evil.example" })).status).toBe(403);
  });

  it("exempts bearer-token calls, which carry no cookie", async () => {
    const { token } = await apiToken(["write"]);
    expect((await call(services.POST, { method: "POST", json: { slug: "s3", name: "S3" }, token })).status).toBe(201);
  });
});

describe("API tokens", () => {
  it("shows a token once, stores only its hash, and revocation holds from the next request", async () => {
    const { session } = await signedIn("admin");
    const created = await call(tokens.POST, { method: "POST", json: { name: "ci", scopes: ["write"] }, session, token: null });
    expect(created.status).toBe(201);
    const { token, apiToken: row } = await created.json();
    expect(token).toMatch(/^sst_/);
    const listed = JSON.stringify(await (await call(tokens.GET, { session, token: null })).json());
    expect(listed).not.toContain(token);
    expect(JSON.stringify(await db().apiToken.findMany())).not.toContain(token);
    expect((await call(services.POST, { method: "POST", json: { slug: "a", name: "A" }, token })).status).toBe(201);
    const used = await db().apiToken.findUnique({ where: { id: row.id } });
    expect(used?.lastUsedAt).not.toBeNull();
    expect((await call(tokenById.DELETE, { method: "DELETE", params: { id: row.id }, session, token: null })).status).toBe(200);
    expect((await call(services.POST, { method: "POST", json: { slug: "b", name: "B" }, token })).status).toBe(401);
  });

  it("refuses an expired token", async () => {
    const { token, id } = await apiToken(["read"]);
    await db().apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(services.GET, { token })).status).toBe(401);
  });

  it("keeps STEADYSTATE_API_TOKEN working with every scope", async () => {
    expect((await call(services.POST, { method: "POST", json: { slug: "c", name: "C" } })).status).toBe(201);
    expect((await call(users.GET, {})).status).toBe(200);
  });
});

describe("first admin and users", () => {
  it("lets /setup create the first admin only while there is none", async () => {
    const body = { email: "first@example.test", name: "First", password: TEST_PASSWORD };
    expect((await call(setup.POST, { method: "POST", json: body, token: null, origin: "http://localhost" })).status).toBe(201);
    const again = await call(setup.POST, { method: "POST", json: { ...body, email: "second@example.test" }, token: null, origin: "http://localhost" });
    expect(again.status).toBe(409);
    expect((await signInAs("first@example.test", TEST_PASSWORD)).status).toBe(200);
  });

  it("never returns a password hash", async () => {
    const { session } = await signedIn("admin");
    const created = await call(users.POST, { method: "POST", json: { email: "new@example.test", name: "New", password: TEST_PASSWORD, memberships: [{ team: "payments", role: "editor" }] }, session, token: null });
    expect(created.status).toBe(201);
    const text = (await created.text()) + (await (await call(users.GET, { session, token: null })).text());
    expect(text).not.toMatch(/scrypt|passwordHash/);
    expect(text).toContain("payments");
  });

  it("refuses to let an admin disable themselves", async () => {
    const { session, userId } = await signedIn("admin");
    const res = await call(user.PATCH, { method: "PATCH", params: { id: userId }, json: { disabled: true }, session, token: null });
    expect(res.status).toBe(409);
  });
});
