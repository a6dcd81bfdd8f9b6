import "server-only";

/**
 * The caller's address for the per-address sign-in limit. Route handlers do not see the socket, so
 * this is what the reverse proxy in front reports: X-Real-IP, else the LAST X-Forwarded-For entry
 * (the one the nearest proxy appended; earlier entries are whatever the client wrote). Without a
 * proxy there is none and only the per-account lockout applies.
 */
export function clientAddress(headers: Headers): string | null {
  const real = headers.get("x-real-ip")?.trim();
  if (real) return real;
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? null;
}
