import { notFound } from "next/navigation";
import { AddFailureMode } from "@/components/fmea/add-failure-mode";
import { TeamWriteGate } from "@/components/auth/team-write-gate";
import { WriteGate } from "@/components/auth/viewer-context";
import { ImportCsv } from "@/components/fmea/import-csv";
import { matrixItems, matrixRatingsOf } from "@/components/fmea/matrix-items";
import { MatrixSwitch } from "@/components/fmea/matrix-switch";
import { RiskMatrix } from "@/components/fmea/risk-matrix";
import { RatingScales } from "@/components/fmea/scales";
import { WorksheetSettings } from "@/components/fmea/worksheet-settings";
import { WorksheetTable } from "@/components/fmea/worksheet-table";
import { PageHeader } from "@/components/ui/page-header";
import { AppError } from "@/lib/server/errors";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { getWorksheetView } from "@/lib/server/services/fmea";
import { teamWriteRefusal } from "@/lib/server/services/team-access";
import { listServices } from "@/lib/server/services/services";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(id: string) {
  try {
    return await getWorksheetView(id, new Date());
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props) {
  await guardPage();
  return { title: `FMEA · ${(await load((await params).id)).title}` };
}

export default async function WorksheetPage({ params, searchParams }: Props) {
  await guardPage();
  const { id } = await params;
  const ratings = matrixRatingsOf((await searchParams).ratings);
  const [sheet, services, refusal] = await Promise.all([load(id), listServices(), currentPrincipal().then((who) => teamWriteRefusal(who, { worksheet: id }))]);
  const exportHref = (format: string) => `/api/fmea/worksheets/${id}/export?format=${format}`;
  return (
    <>
      <PageHeader
        title={sheet.title}
        description={[sheet.service ? `FMEA worksheet for ${sheet.service.name}` : "FMEA worksheet for a system", sheet.description].filter(Boolean).join(". ")}
        actions={
          <div className="fmea-actions">
            <a className="button" href={exportHref("csv")} download>Export CSV</a>
            <a className="button" href={exportHref("md")} download>Export Markdown</a>
          </div>
        }
      />
      <div className="fmea-page">
        <RatingScales />
        {sheet.modes.length === 0 ? <p className="muted">No failure modes yet: add the first below, or import a CSV in the export&apos;s layout.</p> : null}
        <TeamWriteGate refusal={refusal} what="Changing this worksheet">{null}</TeamWriteGate>
        {sheet.modes.length ? <WorksheetTable sheet={sheet} teamRefusal={refusal} /> : null}
        <WriteGate what="Adding a failure mode">
          {refusal ? null : <AddFailureMode worksheetId={id} />}
        </WriteGate>
        <section aria-labelledby="fmea-matrix-title">
          <h2 id="fmea-matrix-title">Risk matrix</h2>
          <MatrixSwitch base={`/fmea/${id}`} current={ratings} />
          <RiskMatrix title={`Risk matrix: severity × occurrence, ${sheet.title}`} items={matrixItems(sheet.modes, ratings)} />
        </section>
        {refusal ? null : (
          <WriteGate what="Importing, renaming or deleting the worksheet">
            <section className="card">
              <ImportCsv worksheetId={id} />
            </section>
            <WorksheetSettings sheet={sheet} services={services.map((s) => ({ slug: s.slug, name: s.name }))} />
          </WriteGate>
        )}
      </div>
    </>
  );
}
