"use client";

import { useQuery } from "@tanstack/react-query";

type Ready = {
  status: "ready" | "not-ready";
  database: { provider: string; latencyMs?: number; error?: string };
};

async function fetchReadiness(): Promise<Ready> {
  const response = await fetch("/api/health/ready", { cache: "no-store" });
  // 503 still carries the reason in the same shape; anything else is a transport problem.
  if (response.status !== 200 && response.status !== 503) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as Ready;
}

export function SystemStatus() {
  const query = useQuery({ queryKey: ["health", "ready"], queryFn: fetchReadiness, refetchInterval: 15_000 });
  if (query.isPending) return <p className="muted" aria-busy="true">Checking the database…</p>;
  if (query.isError) {
    return <p className="status" data-state="danger" role="alert">✖ The server did not answer: {query.error.message}</p>;
  }
  const { data } = query;
  return (
    <dl className="facts" aria-live="polite">
      <dt>Database</dt>
      <dd>
        {data.status === "ready" ? (
          <span className="status" data-state="ok">✔ Reachable ({data.database.latencyMs} ms)</span>
        ) : (
          <span className="status" data-state="danger">✖ {data.database.error}</span>
        )}
      </dd>
      <dt>Checked</dt>
      <dd>{new Date(query.dataUpdatedAt).toLocaleTimeString()} (every 15 s)</dd>
    </dl>
  );
}
