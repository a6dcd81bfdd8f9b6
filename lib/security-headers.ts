// Security headers of every response (README "Audit log and security"). Plain TypeScript with no
// imports: proxy.ts sets them on each request it sees, and the unit tests read the policy.

/** A fresh, unguessable nonce per page request: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type PolicyOptions = {
  /** null for responses that are not HTML pages (API, metrics): nothing may run in them. */
  nonce: string | null;
  isHttps: boolean;
  /** React's development build needs eval for its error overlays; production never does. */
  isDev: boolean;
};

/**
 * Pages: scripts only from this origin or carrying the request's nonce ('strict-dynamic' lets
 * Next's nonced loader add its chunks); style elements likewise, while style attributes stay
 * allowed (charts and React set them; they cannot run code). No framing by anyone.
 */
export function contentSecurityPolicy({ nonce, isHttps, isDev }: PolicyOptions): string {
  if (nonce === null) return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()";

/** Every security header of one response. HSTS only over HTTPS: over plain HTTP it means nothing. */
export function securityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(options.isHttps ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** Served over HTTPS: directly, or behind a proxy that says so. */
export function isHttpsRequest(url: string, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : url.startsWith("https:");
}

/** Paths whose responses are data, never a page a browser renders as HTML. */
export const isDataPath = (pathname: string) => /^\/(api|otlp)(\/|$)|^\/metrics$/.test(pathname);

export const NONCE_HEADER = "x-nonce";
