import "server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { POST as ingestJson } from "@/app/api/ingest/route";
import { POST as remoteWrite } from "@/app/api/v1/write/route";
import { POST as otlpMetrics } from "@/app/otlp/v1/metrics/route";
import { isHttpsRequest, securityHeaders } from "@/lib/security-headers";
import { AppError } from "../errors";
import { route } from "../http";
import { log } from "../log";

// The ingest endpoints served straight from node:http, without Next's request pipeline, which
// costs about 2 ms of CPU per request on this machine before a route runs: as much as storing a
// 2,000-sample remote-write request. The app's own server (scripts/server.mjs) hands POSTs to
// them here, and so does the ingest-only listener (STEADYSTATE_INGEST_LISTEN). The route handlers
// are the app's own, called with a standard Request, so tokens, limits, validation, errors and
// metrics are exactly what Next would give; the headers are those proxy.ts sets on API responses.

type Handler = (req: Request) => Promise<Response>;

const HANDLERS: Record<string, Handler> = {
  "/api/v1/write": remoteWrite,
  "/otlp/v1/metrics": otlpMetrics,
  "/api/ingest": ingestJson,
};

const notServed = route({ name: "ingest listener", access: "public" }, ({ req }) => {
  const { pathname } = new URL(req.url);
  if (HANDLERS[pathname]) throw new AppError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here; send POST`, { headers: { allow: "POST" } });
  throw new AppError("NOT_FOUND", `this listener serves only POST ${Object.keys(HANDLERS).join(", ")}`);
});

/** The request's URL: its target (absolute-form too) against its Host, or localhost when that is no host. */
function requestUrl(req: http.IncomingMessage): URL {
  const target = req.url ?? "/";
  try {
    return new URL(target, `http://${req.headers.host ?? "localhost"}`);
  } catch {
    return new URL(target, "http://localhost");
  }
}

function toRequest(req: http.IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // The body streams, so the routes' size limits hold before it is all in memory.
  return new Request(url.href, { method: req.method, headers, ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}) });
}

async function serveAsync(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = requestUrl(req);
  const request = toRequest(req, url);
  const handler = req.method === "POST" ? HANDLERS[url.pathname] : undefined;
  const response = await (handler ?? notServed)(request);
  const body = Buffer.from(await response.arrayBuffer());
  const security = securityHeaders({ nonce: null, isHttps: isHttpsRequest(request.url, request.headers), isDev: false });
  // Answered before the body was read (401, 413, 429…): the rest of it would stall the next
  // request on this connection, and reading a refused body to its end is wasted work, so the
  // connection closes after this answer.
  const closing = req.complete ? {} : { connection: "close" };
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...security, ...closing, "content-length": String(body.length) });
  res.end(body);
}

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  serveAsync(req, res).catch((error: unknown) => {
    // The routes answer every failure themselves; this is a broken connection or a bug.
    const message = error instanceof Error ? error.message : String(error);
    log.error("ingest: a request failed outside its route", { url: req.url, error: message });
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ error: { code: "INTERNAL", message } }));
  });
}

/** What scripts/server.mjs finds on globalThis once the app has booted. */
export type IngestFastPath = { serves: (path: string) => boolean; serve: (req: http.IncomingMessage, res: http.ServerResponse) => void };

/** Hands the ingest endpoints to the app's server (scripts/server.mjs), which sends their POSTs here. */
export function offerIngestToServer(): void {
  const fastPath: IngestFastPath = { serves: (path) => Object.hasOwn(HANDLERS, path.split("?", 1)[0]!), serve };
  (globalThis as { steadystateIngest?: IngestFastPath }).steadystateIngest = fastPath;
}

export type IngestListener = { url: string; close: () => Promise<void> };

/** Starts the listener; resolves once it accepts connections. */
export function listenForIngest(host: string, port: number): Promise<IngestListener> {
  const server = http.createServer(serve);
  server.keepAliveTimeout = 65_000; // as scripts/server.mjs: longer than proxies' common 60 s idle timeout
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({ url: `http://${shown}:${address.port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
