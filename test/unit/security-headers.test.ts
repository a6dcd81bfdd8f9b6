import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isDataPath, isHttpsRequest, securityHeaders } from "@/lib/security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("content security policy", () => {
  it("lets pages run only their own and nonced scripts, never eval in production, and forbids framing", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc", isHttps: false, isDev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("allows eval only in development, and upgrades requests only over HTTPS", () => {
    expect(directives(contentSecurityPolicy({ nonce: "n", isHttps: false, isDev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy({ nonce: "n", isHttps: true, isDev: false })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets nothing run in data responses", () => {
    expect(contentSecurityPolicy({ nonce: null, isHttps: false, isDev: false })).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });
});

describe("security headers", () => {
  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", isHttps: false, isDev: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", isHttps: true, isDev: false })["Strict-Transport-Security"]).toMatch(/^max-age=31536000/);
    expect(securityHeaders({ nonce: null, isHttps: false, isDev: false })).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin" });
  });

  it.each([
    ["https://a/x", {}, true],
    ["http://a/x", {}, false],
    ["http://a/x", { "x-forwarded-proto": "https" }, true],
    ["http://a/x", { "x-forwarded-proto": "https, http" }, true],
    ["https://a/x", { "x-forwarded-proto": "http" }, false],
  ])("%s %o is HTTPS: %s", (url, headers, expected) => {
    expect(isHttpsRequest(url, new Headers(headers))).toBe(expected);
  });

  it.each([["/api/slos", true], ["/api", true], ["/otlp/v1/metrics", true], ["/metrics", true], ["/", false], ["/slos", false], ["/apiary", false], ["/metrics/x", false]])("%s is data: %s", (path, expected) => {
    expect(isDataPath(path)).toBe(expected);
  });

  it("makes a fresh 16-byte nonce each time", () => {
    const a = createNonce();
    expect(atob(a)).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
