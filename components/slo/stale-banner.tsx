import type { SloEvaluation } from "@/lib/server/services/slo-status";

/** Says which SLOs show remembered figures because their data source is not answering. */
export function StaleBanner({ slos }: { slos: SloEvaluation[] }) {
  const stale = slos.filter((s) => s.stale);
  if (stale.length === 0) return null;
  const sources = [...new Set(stale.map((s) => s.dataSource))].join(", ");
  const since = stale.map((s) => s.staleSince).filter((t): t is string => t !== null).sort()[0];
  return (
    <div className="banner" role="status">
      <strong>Stale data.</strong> {stale.length} SLO{stale.length === 1 ? "" : "s"} could not reach {sources}
      {since ? <>; showing the figures from {new Date(since).toUTCString()}</> : <>; no earlier figures to show</>}. {stale[0]!.error}
    </div>
  );
}
