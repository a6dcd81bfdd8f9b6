import "server-only";
import { env } from "../env";

export const SESSION_COOKIE = "steadystate_session";

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function isHttps(headers: Headers, url: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded ? forwarded === "https" : url.startsWith("https:");
}

/** httpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure over HTTPS. */
export function sessionCookie(req: Request, token: string, maxAgeSeconds: number): string {
  const setting = env().STEADYSTATE_COOKIE_SECURE;
  const secure = setting === "true" || (setting === "auto" && isHttps(req.headers, req.url));
  return [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(secure ? ["Secure"] : [])].join("; ");
}

export function clearedSessionCookie(req: Request): string {
  return sessionCookie(req, "", 0);
}

/** The app's own origins: the configured public URL, and the host this request was addressed to. */
export function appOrigins(headers: Headers, url: string): string[] {
  const origins: string[] = [];
  const configured = env().STEADYSTATE_PUBLIC_URL;
  if (configured) origins.push(configured.toLowerCase());
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? headers.get("host") ?? new URL(url).host;
  if (host) origins.push(`${isHttps(headers, url) ? "https" : "http"}://${host}`.toLowerCase());
  return origins;
}
