import { burn, count, percent } from "./format";
import type { SloAlertHistory, SloDetail } from "./slo-detail-types";
import { StatusBadge } from "./status-badge";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function SloGroupsTable({ slo }: { slo: SloDetail }) {
  if (slo.groups.length === 0) return null;
  return (
    <section className="card" aria-labelledby="groups">
      <h2 id="groups">Groups</h2>
      <table className="data">
        <thead><tr><th scope="col">Group</th><th scope="col">Status</th><th scope="col">SLI</th><th scope="col">Budget remaining</th><th scope="col">Fastest burn</th></tr></thead>
        <tbody>
          {slo.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.key}</th>
              <td><StatusBadge status={g.status} /></td>
              <td>{percent(g.sli, 3)}</td>
              <td>{percent(g.budget.remaining, 1)} <span className="muted">({count(g.budget.bad)} bad of {count(g.budget.allowed)} allowed)</span></td>
              <td>{burn(g.fastestBurnRate)}×</td>
            </tr>
          ))}
        </tbody>
      </table>
      {slo.groupsTruncated > 0 ? <p className="muted">{slo.groupsTruncated} more groups not shown.</p> : null}
    </section>
  );
}

export function SloAlertHistoryTable({ alerts }: { alerts: SloAlertHistory }) {
  return (
    <section className="card" aria-labelledby="alert-history">
      <h2 id="alert-history">Alert history</h2>
      {alerts.transitions.length === 0 ? (
        <p className="muted">No alert has changed state yet. The alert job records each tier that starts or stops firing here.</p>
      ) : (
        <table className="data">
          <thead><tr><th scope="col">When</th><th scope="col">Tier</th><th scope="col">Change</th><th scope="col">Long burn</th><th scope="col">Short burn</th></tr></thead>
          <tbody>
            {alerts.transitions.map((t) => (
              <tr key={t.id}>
                <td>{when(t.at)}</td>
                <th scope="row">{t.tier}</th>
                <td>{t.from} → <strong>{t.to}</strong></td>
                <td>{burn(t.longBurnRate)}× <span className="muted">(threshold {burn(t.factor)}×)</span></td>
                <td>{burn(t.shortBurnRate)}×</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SloExclusionsList({ slo }: { slo: SloDetail }) {
  const { exclusions } = slo.definition;
  return (
    <section className="card" aria-labelledby="exclusions">
      <h2 id="exclusions">Exclusions</h2>
      {exclusions.length === 0 ? (
        <p className="muted">None. Add a maintenance window or an adjustment with <code>POST /api/slos/{slo.id}/exclusions</code>.</p>
      ) : (
        <ul>
          {exclusions.map((e) => {
            const applied = slo.exclusions.find((x) => x.id === e.id);
            return (
              <li key={e.id}>
                <strong>{e.kind}</strong> {when(e.start)} → {when(e.end)}: {e.reason} <span className="muted">({e.author})</span>
                {applied ? <span className="muted"> · in this window: removed {count(applied.valid)} events, {count(applied.valid - applied.good)} bad</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
