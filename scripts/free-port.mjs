// A TCP port that is free on 127.0.0.1 right now: bind port 0, read what the kernel chose, close.
// `node scripts/free-port.mjs` prints one; the test-server scripts import it.
import { createServer } from "node:net";

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) freePort().then((port) => console.log(port));
