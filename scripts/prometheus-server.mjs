// Starts Debian's Prometheus on 127.0.0.1 for a test or a benchmark, and stops it.
// The config is written as JSON, which is YAML too, so no YAML library is needed for it.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createServer } from "node:net";

// Its own copy of scripts/free-port.mjs: Playwright loads this file through a CommonJS transform
// that cannot follow an import of another .mjs file.
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}


/**
 * @param {{ dir: string, scrapeTargets?: string[], scrapeIntervalSeconds?: number,
 *   remoteWrite?: { url: string, bearerToken: string }, args?: string[] }} options
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<void>, log: () => string }>}
 */
export async function startPrometheus(options) {
  const { dir, scrapeTargets = [], scrapeIntervalSeconds = 1, remoteWrite, args = [] } = options;
  mkdirSync(path.join(dir, "data"), { recursive: true });
  const interval = `${scrapeIntervalSeconds}s`;
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    scrape_configs: scrapeTargets.length ? [{ job_name: "test", static_configs: [{ targets: scrapeTargets }] }] : [],
    ...(remoteWrite
      ? {
          remote_write: [
            {
              url: remoteWrite.url,
              authorization: { credentials: remoteWrite.bearerToken },
              // Send soon and in small batches, so a test sees its samples within seconds.
              queue_config: { batch_send_deadline: "1s", max_samples_per_send: 2000, min_backoff: "100ms", max_backoff: "1s" },
              metadata_config: { send: true, send_interval: "5s" },
            },
          ],
        }
      : {}),
  };
  const configFile = path.join(dir, "prometheus.yml");
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const port = await freePort();
  let output = "";
  const child = spawn(
    "/usr/bin/prometheus",
    [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn", ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await Promise.race([new Promise((r) => child.once("exit", r)), sleep(10_000).then(() => child.kill("SIGKILL"))]);
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return { url, pid: child.pid, stop, log: () => output };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`prometheus did not become ready:\n${output}`);
}
