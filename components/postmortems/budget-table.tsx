import type { FrozenFigures } from "@/lib/schemas/postmortem-figures";
import { count, percent1, utc } from "./format";

/** The budget each SLO spent in the incident window, with the counts it came from. */
export function BudgetTable({ budgets, caption = "Error budget spent in the incident window" }: { budgets: FrozenFigures["budgets"]; caption?: string }) {
  if (budgets.length === 0) return <p className="muted">No SLO chosen: choose the affected SLOs to see the budget they spent.</p>;
  return (
    <table className="data">
      <caption className="pm-caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">SLO</th>
          <th scope="col">Bad / valid events in window</th>
          <th scope="col">Period&apos;s budget (allowed bad)</th>
          <th scope="col">Share of period&apos;s budget</th>
        </tr>
      </thead>
      <tbody>
        {budgets.map((b) => (
          <tr key={b.slo.id}>
            <th scope="row">
              {b.slo.name} <span className="muted">· {b.slo.service}</span>
            </th>
            {b.error || !b.window || !b.period ? (
              <td colSpan={3}>
                <span className="status" data-state="warning"><span aria-hidden="true">▲</span> unavailable</span> {b.error}
              </td>
            ) : (
              <>
                <td>{count(b.window.bad)} / {count(b.window.valid)}</td>
                <td title={`(1 − ${b.slo.objective}) × ${b.period.valid} valid events, ${utc(b.period.start)} to ${utc(b.period.end)}`}>
                  {count(b.period.allowed)} <span className="muted">of {count(b.period.valid)} events</span>
                </td>
                <td><strong>{percent1(b.consumed)}</strong></td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
