import Link from "next/link";
import { WriteGate } from "@/components/auth/viewer-context";
import { matrixItems, matrixRatingsOf } from "@/components/fmea/matrix-items";
import { MatrixSwitch } from "@/components/fmea/matrix-switch";
import { NewWorksheetForm } from "@/components/fmea/new-worksheet-form";
import { RiskMatrix } from "@/components/fmea/risk-matrix";
import { TopRisks } from "@/components/fmea/top-risks";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listWorksheetSummaries, topRisks } from "@/lib/server/services/fmea";
import { listServices } from "@/lib/server/services/services";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "FMEA" };

const TOP = 10;

export default async function FmeaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await guardPage();
  const ratings = matrixRatingsOf((await searchParams).ratings);
  const now = new Date();
  const [worksheets, all, services] = await Promise.all([listWorksheetSummaries(now), topRisks(1000, now), listServices()]);
  const newSheet = (
    <section className="card" aria-labelledby="fmea-new-title">
      <h2 id="fmea-new-title">New worksheet</h2>
      <WriteGate what="Starting a worksheet">
        <NewWorksheetForm services={services.map((s) => ({ slug: s.slug, name: s.name }))} />
      </WriteGate>
    </section>
  );
  return (
    <>
      <PageHeader title="FMEA" description="Failure modes and their effects, checked against what actually happened." />
      {worksheets.length === 0 ? (
        <>
          <EmptyState title="No worksheets yet">
            <p>Start a worksheet for a service: list each component&apos;s failure modes with severity, occurrence and detection ratings. Linking a failure mode to SLOs, breakers and postmortems lets Steadystate flag ratings the evidence disagrees with.</p>
          </EmptyState>
          <div style={{ marginTop: 16 }}>{newSheet}</div>
        </>
      ) : (
        <div className="fmea-page">
          <section aria-labelledby="fmea-top-title">
            <h2 id="fmea-top-title">Top risks across services</h2>
            {all.length ? <TopRisks risks={all.slice(0, TOP)} /> : <p className="muted">No failure modes yet: open a worksheet below and add the first.</p>}
          </section>
          <section aria-labelledby="fmea-sheets-title">
            <h2 id="fmea-sheets-title">Worksheets</h2>
            <table className="data">
              <thead>
                <tr><th scope="col">Worksheet</th><th scope="col">Service</th><th scope="col">Failure modes</th><th scope="col">High priority</th><th scope="col">Flagged by evidence</th></tr>
              </thead>
              <tbody>
                {worksheets.map((w) => (
                  <tr key={w.id}>
                    <th scope="row"><Link href={`/fmea/${w.id}`}>{w.title}</Link></th>
                    <td>{w.service?.name ?? <span className="muted">system</span>}</td>
                    <td className="num">{w.modes}</td>
                    <td className="num">{w.high}</td>
                    <td className="num">{w.flagged ? <span className="status" data-state="warning"><span aria-hidden="true">⚑</span> {w.flagged}</span> : 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="fmea-matrix-title">
            <h2 id="fmea-matrix-title">Risk matrix, all worksheets</h2>
            <MatrixSwitch base="/fmea" current={ratings} />
            <RiskMatrix title="Risk matrix: severity × occurrence, all worksheets" items={matrixItems(all, ratings)} />
          </section>
          {newSheet}
        </div>
      )}
    </>
  );
}
