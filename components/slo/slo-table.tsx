import { IfCanWrite } from "@/components/auth/viewer-context";
import Link from "next/link";
import type { SloEvaluation } from "@/lib/server/services/slo-status";
import type { SloSparkline } from "@/lib/server/services/slo-sparklines";
import { BudgetBar } from "./budget-bar";
import { BudgetSparkline } from "./budget-sparkline";
import { burn, duration, percent } from "./format";
import { StatusBadge } from "./status-badge";

const ORDER = { urgency: "least budget remaining first", burn: "fastest burn first", name: "by name" };

/** The rows in the order given (slo-filter.ts sorts them); sparklines, when given, by SLO id. */
export function SloTable({ slos, sort = "urgency", sparklines, total }: { slos: SloEvaluation[]; sort?: keyof typeof ORDER; sparklines?: ReadonlyMap<string, SloSparkline>; total?: number }) {
  return (
    <table className="data">
      <caption className="muted" style={{ textAlign: "left", padding: "0 0 8px" }}>
        {total !== undefined && total > slos.length ? `${slos.length} of ${total.toLocaleString("en")}` : slos.length} SLOs, {ORDER[sort]}
      </caption>
      <thead>
        <tr>
          <th scope="col">SLO</th>
          <th scope="col">Status</th>
          <th scope="col">Objective</th>
          <th scope="col">SLI</th>
          <th scope="col">Budget remaining</th>
          {sparklines ? <th scope="col">Budget over window</th> : null}
          <th scope="col">Fastest burn</th>
          <th scope="col">Alerts</th>
          <th scope="col">Exhausted in</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {slos.map((slo) => (
          <tr key={slo.id}>
            <th scope="row" style={{ fontWeight: 500 }}>
              <Link href={`/slos/${slo.id}`}>{slo.name}</Link> <span className="muted">· {slo.service}</span>
              {slo.lowTraffic ? <span className="muted"> · low traffic</span> : null}
              {slo.groups.length > 0 ? <span className="muted"> · {slo.groups.length} groups, {slo.groups.filter((g) => g.status !== "ok" && g.status !== "no-data").length} burning</span> : null}
              {slo.stale ? <> · <span className="status" data-state="warning">stale</span></> : null}
              <IfCanWrite><br /><Link href={`/postmortems/new?slo=${encodeURIComponent(slo.id)}`} aria-label={`Write a postmortem for ${slo.name}`} style={{ fontSize: "0.85rem", fontWeight: 400 }}>Write a postmortem</Link></IfCanWrite>
            </th>
            <td><StatusBadge status={slo.status} /></td>
            <td>{percent(slo.objective, 2)}</td>
            <td title={`${slo.budget.good} good of ${slo.budget.valid}`}>{percent(slo.sli, 3)}</td>
            <td title={`${slo.budget.bad} bad of ${slo.budget.allowed} allowed`}><BudgetBar remaining={slo.budget.remaining} hasData={slo.status !== "no-data"} /></td>
            {sparklines ? <td><BudgetSparkline sparkline={sparklines.get(slo.id)} /></td> : null}
            <td>{burn(slo.fastestBurnRate)}×</td>
            <td>{slo.alerts.length === 0 ? <span className="muted">none</span> : slo.alerts.map((a) => `${a.severity} ${a.longWindow}/${a.shortWindow}`).join(", ")}</td>
            <td>{duration(slo.timeToExhaustionMs)}</td>
            <td><IfCanWrite><Link href={`/slos/${slo.id}/edit`} aria-label={`Edit ${slo.name}`}>Edit</Link></IfCanWrite></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
