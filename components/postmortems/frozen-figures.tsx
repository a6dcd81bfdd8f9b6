import type { FigureChange } from "@/lib/domain/postmortem-figures";
import { formatDuration } from "@/lib/domain/postmortem-markdown";
import type { PostmortemWithFigures } from "@/lib/server/services/postmortem-export";
import { BudgetTable } from "./budget-table";
import { count, percent1, utc } from "./format";

function show(c: FigureChange, v: number | string | null): string {
  if (v === null) return "—";
  if (typeof v === "string") return c.unit === "time" ? utc(v) : v;
  return c.unit === "fraction" ? percent1(v) : c.unit === "ms" ? formatDuration(v) : count(v);
}

function difference(c: FigureChange): string {
  if (typeof c.frozen !== "number" || typeof c.live !== "number") return "changed";
  const d = c.live - c.frozen;
  const sign = d > 0 ? "+" : "−";
  if (c.unit === "fraction") return `${sign}${(Math.abs(d) * 100).toFixed(1)} points`;
  if (c.unit === "ms") return `${sign}${formatDuration(Math.abs(d))}`;
  return `${sign}${count(Math.abs(d))}`;
}

/**
 * The figures as they were published, and below them what a recomputation now says differently
 * (late data, exclusions, edited times), so nobody quotes a number that has moved without knowing.
 */
export function FrozenFigures({ postmortem: p }: { postmortem: PostmortemWithFigures & { frozen: NonNullable<PostmortemWithFigures["frozen"]> } }) {
  const { frozen, changes } = p;
  const f = frozen.figures;
  return (
    <>
      <BudgetTable budgets={f.budgets} caption={`Error budget spent, as published on ${utc(frozen.computedAt)} (version ${frozen.version})`} />
      <p className="muted pm-hint">
        As published: window {utc(f.window.start)} to {utc(f.window.end)}; time to detect {formatDuration(f.durations.ttdMs)}, to resolve {formatDuration(f.durations.ttrMs)}.
      </p>
      {changes.length === 0 ? (
        <p className="pm-frozen-diff"><span className="status" data-state="ok"><span aria-hidden="true">✔</span> Recomputed now: the same figures.</span></p>
      ) : (
        <div className="pm-frozen-diff banner" role="note" aria-labelledby="figures-drift">
          <p id="figures-drift"><span className="status" data-state="warning"><span aria-hidden="true">▲</span> Recomputed now, {changes.length} {changes.length === 1 ? "figure differs" : "figures differ"}</span> from the published ones (late data, exclusions or edited times).</p>
          <table className="data">
            <thead><tr><th scope="col">Figure</th><th scope="col">As published</th><th scope="col">Now</th><th scope="col">Difference</th></tr></thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.what}><th scope="row">{c.what}</th><td>{show(c, c.frozen)}</td><td>{show(c, c.live)}</td><td><strong>{difference(c)}</strong></td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
