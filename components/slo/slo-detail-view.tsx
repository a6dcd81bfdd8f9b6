import { TeamWriteGate } from "@/components/auth/team-write-gate";
import Link from "next/link";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { SloBurnRates } from "./slo-burn-rates";
import { SloDetailCharts } from "./slo-detail-charts";
import { SloAlertHistoryTable, SloExclusionsList, SloGroupsTable } from "./slo-detail-tables";
import { SloDetailTiles } from "./slo-detail-tiles";
import type { SloAlertHistory, SloDetail } from "./slo-detail-types";
import { StaleBanner } from "./stale-banner";
import { StatusBadge } from "./status-badge";
import { StepChoice } from "./step-choice";

type Props = { slo: SloDetail; alerts: SloAlertHistory; yaml: string; step: string | null; stepNote: string | null; present: boolean; activity?: ReactNode; editRefusal?: string | null };

/** One SLO: headline figures, burn-down, burn rates, SLI, groups, alerts, exclusions, definition. */
export function SloDetailView({ slo, alerts, yaml, step, stepNote, present, activity, editRefusal }: Props) {
  const base = `/slos/${slo.id}${step ? `?step=${step}` : ""}`;
  return (
    <div className="slo-detail" data-present={present || undefined}>
      <PageHeader
        title={slo.name}
        description={`${slo.service} · ${slo.definition.description ?? "service level objective"}`}
        actions={
          <div className="slo-actions">
            <StatusBadge status={slo.status} />
            <TeamWriteGate refusal={editRefusal} what="Editing">
              <Link className="button" href={`/slos/${slo.id}/edit`}>Edit</Link>
              <Link className="button" href={`/postmortems/new?slo=${encodeURIComponent(slo.id)}`}>Write a postmortem</Link>
            </TeamWriteGate>
            {present
              ? <Link className="button" href={base}>Leave present mode</Link>
              : <Link className="button" href={`${base}${step ? "&" : "?"}present=1`}>Present</Link>}
          </div>
        }
      />
      <p className="slo-back"><Link href="/slos">← All SLOs</Link></p>
      <StaleBanner slos={[slo]} />
      {slo.lowTraffic ? <p className="banner" role="note">Low traffic: few events in the window, so each bad one moves the budget a lot.</p> : null}
      <SloDetailTiles slo={slo} />
      <StepChoice id={slo.id} current={step} present={present} />
      {stepNote ? <p className="banner" role="status">{stepNote}</p> : null}
      <SloDetailCharts slo={slo} />
      <SloBurnRates slo={slo} />
      {activity}
      <SloGroupsTable slo={slo} />
      <SloAlertHistoryTable alerts={alerts} />
      <SloExclusionsList slo={slo} />
      <section className="card" aria-labelledby="definition">
        <h2 id="definition">Definition</h2>
        <p className="muted">As OpenSLO v1 YAML, the same as <code>GET /api/slos/export</code> writes for it.</p>
        <pre className="slo-yaml">{yaml}</pre>
      </section>
    </div>
  );
}
