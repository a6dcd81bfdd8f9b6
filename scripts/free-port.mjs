// Prints a TCP port that is free on 127.0.0.1 right now.
import { createServer } from "node:net";

const server = createServer().listen(0, "127.0.0.1", () => {
  console.log(server.address().port);
  server.close();
});
