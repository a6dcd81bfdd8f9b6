import type { FailureModeView } from "@/lib/schemas/fmea";

const DETECTION = { early: "caught before the SLO burned", late: "the SLO burned first", "no-burn": "the SLO did not burn" } as const;

/** What the events say beside the team's ratings; a disagreement asks for review, in words. */
export function EvidenceCell({ mode }: { mode: Pick<FailureModeView, "links" | "evidence"> }) {
  const e = mode.evidence;
  if (mode.links.length === 0) return <span className="muted">no links</span>;
  const times = e.occurrences === 1 ? "1 occurrence" : `${e.occurrences} occurrences`;
  const parts = [e.postmortems ? `${e.postmortems} postmortem${e.postmortems === 1 ? "" : "s"}` : null, e.breakerOpens ? `${e.breakerOpens} breaker open${e.breakerOpens === 1 ? "" : "s"}` : null, e.failovers ? `${e.failovers} failover${e.failovers === 1 ? "" : "s"}` : null].filter(Boolean);
  const burned = e.early + e.late;
  const detection = !e.occurrences ? null : burned === 0 ? "none burned the SLO" : `caught before the SLO burned: ${e.early} of ${burned}${e.noBurn ? ` (${e.noBurn} more never burned it)` : ""}`;
  return (
    <div className="fmea-evidence">
      <div>{times}{parts.length ? <span className="muted"> ({parts.join(", ")})</span> : null}</div>
      {detection ? <div className="muted">{detection}</div> : null}
      {e.episodes.length ? (
        <details>
          <summary>When</summary>
          <ul className="fmea-episodes">
            {e.episodes.map((x) => (
              <li key={x.start}>
                <time dateTime={x.start}>{x.start.slice(0, 16).replace("T", " ")}</time> UTC: {DETECTION[x.detection]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {e.flags.map((f) => (
        <div key={f.rating} className="status" data-state="warning">
          <span aria-hidden="true">⚑</span> Review {f.rating === "occurrence" ? "O" : "D"}: {f.message}
        </div>
      ))}
    </div>
  );
}
