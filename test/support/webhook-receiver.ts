import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceiverMode = "ok" | "fail" | "hang";

/**
 * A real HTTP webhook receiver on 127.0.0.1: records every body it is sent, and answers 200, 500,
 * or never (until closed), as the test sets `mode`.
 */
export async function startReceiver() {
  const received: unknown[] = [];
  const hung = new Set<ServerResponse>();
  let requests = 0;
  const state = { mode: "ok" as ReceiverMode };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests += 1;
      if (state.mode === "hang") return void hung.add(res);
      if (state.mode === "fail") return void res.writeHead(500).end("receiver down");
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    get requests() {
      return requests;
    },
    set mode(mode: ReceiverMode) {
      state.mode = mode;
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
