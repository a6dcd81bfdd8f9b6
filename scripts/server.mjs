// The built app's server: scripts/serve.sh starts it (npm start, npm run demo, the e2e suite and
// the benchmarks), with `next start`'s arguments -p/--port and -H/--hostname. Next's request
// handler, the very one `next start` uses, serves everything except POSTs to the ingest
// endpoints: those go straight to the app's own route handlers (lib/server/ingest/listener.ts,
// handed over on globalThis when the app boots), because Next's request pipeline costs about 2 ms
// of CPU per request before a route runs, as much as storing a 2,000-sample remote-write request
// (bench:ingest: 310-390k samples/s through Next, 540-650k straight).
import http from "node:http";
import { parseArgs } from "node:util";

process.env.NODE_ENV = "production";
const { default: next } = await import("next");

let values;
try {
  ({ values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } }));
} catch (error) {
  console.error(`${error.message}\nusage: scripts/serve.sh [-p port] [-H hostname]`);
  process.exit(2);
}
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname; // unset: every interface, as `next start`

const app = next({ dev: false, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare(); // runs instrumentation.ts, which boots the app

const server = http.createServer((req, res) => {
  /** @type {import("../lib/server/ingest/listener").IngestFastPath | undefined} */
  const ingest = globalThis.steadystateIngest;
  if (ingest && req.method === "POST" && ingest.serves(req.url ?? "/")) return ingest.serve(req, res);
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
// Longer than the 60 s that proxies and load balancers commonly keep an idle connection, so they
// close it first instead of reusing one the server has just closed (Node's default is 5 s).
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`Steadystate: ready on http://${hostname ?? "localhost"}:${port}`));

// As `next start` does: on SIGTERM or SIGINT stop accepting, let the requests in flight finish
// (idle kept-alive connections are closed), close Next, and exit with the signal's code; a
// request that has not finished in 10 s does not hold the exit up.
let isStopping = false;
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) {
  process.on(signal, () => {
    if (isStopping) return;
    isStopping = true;
    setTimeout(() => process.exit(code), 10_000).unref();
    server.close(() => app.close().catch(console.error).finally(() => process.exit(code)));
  });
}
