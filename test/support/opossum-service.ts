// A small service guarding one dependency with a real opossum circuit breaker, exposing /metrics
// as opossum-prometheus does: a counter `circuit{name, event}` incremented on every circuit event,
// label sets created at their first event. (opossum-prometheus itself is not used: the registry's
// newest release, 0.3.0, pins prom-client ^12 while the app is on 15; the exposition is the same.)
// It records when each transition really happened, for the test to compare with what the app shows.
import { createServer, type Server } from "node:http";
import CircuitBreaker from "opossum";
import { Counter, Registry } from "prom-client";

export type Truth = { event: "open" | "halfOpen" | "close"; at: number };

export type OpossumService = {
  address: string;
  breaker: CircuitBreaker<[], string>;
  truth: Truth[];
  setDependencyHealthy: (healthy: boolean) => void;
  close: () => Promise<void>;
};

export async function startOpossumService(options: { name: string; resetTimeoutMs: number }): Promise<OpossumService> {
  let isHealthy = true;
  const dependency = async () => {
    if (!isHealthy) throw new Error("inventory unavailable");
    return "ok";
  };
  const breaker = new CircuitBreaker(dependency, {
    name: options.name,
    resetTimeout: options.resetTimeoutMs,
    errorThresholdPercentage: 50,
    volumeThreshold: 3,
    rollingCountTimeout: 10_000,
    timeout: 1_000,
  });
  const registry = new Registry();
  const counter = new Counter({ name: "circuit", help: "A count of all circuit' events", registers: [registry], labelNames: ["name", "event"] });
  const truth: Truth[] = [];
  for (const event of ["fire", "success", "failure", "reject", "timeout", "fallback", "open", "halfOpen", "close"] as const) {
    breaker.on(event as "open", () => {
      counter.labels(breaker.name, event).inc();
      if (event === "open" || event === "halfOpen" || event === "close") truth.push({ event, at: Date.now() });
    });
  }
  const server: Server = createServer(async (req, res) => {
    if (req.url !== "/metrics") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": registry.contentType });
    res.end(await registry.metrics());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    breaker,
    truth,
    setDependencyHealthy: (healthy) => {
      isHealthy = healthy;
    },
    close: async () => {
      breaker.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
