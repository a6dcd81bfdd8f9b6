import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/request-id";
import { NONCE_HEADER, createNonce, isDataPath, isHttpsRequest, securityHeaders } from "@/lib/security-headers";

/**
 * Gives every request an id, passes it to the handlers and returns it to the caller; sets the
 * security headers. A page gets a fresh CSP nonce, which Next reads from the request's
 * Content-Security-Policy header and puts on its own scripts (app/layout.tsx on the theme script).
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const nonce = isDataPath(request.nextUrl.pathname) ? null : createNonce();
  const security = securityHeaders({ nonce, isHttps: isHttpsRequest(request.url, request.headers), isDev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  // Pages that send a signed-out visitor to /sign-in use it to come back here afterwards.
  headers.set("x-steadystate-path", request.nextUrl.pathname + request.nextUrl.search);
  if (nonce) {
    headers.set(NONCE_HEADER, nonce);
    headers.set("Content-Security-Policy", security["Content-Security-Policy"]!);
  }
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  for (const [name, value] of Object.entries(security)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
