export type StartedPrometheus = { url: string; pid: number; stop: () => Promise<void>; log: () => string };

export function startPrometheus(options: {
  dir: string;
  scrapeTargets?: string[];
  scrapeIntervalSeconds?: number;
  remoteWrite?: { url: string; bearerToken: string };
  args?: string[];
}): Promise<StartedPrometheus>;
