import { notFound } from "next/navigation";
import { Suspense } from "react";
import { SloActivitySection } from "@/components/slo/slo-activity-section";
import { parseTimeRange } from "@/lib/domain/time-range";
import { SloDetailView } from "@/components/slo/slo-detail-view";
import { sloDetailQuerySchema } from "@/lib/schemas/slo-series";
import { AppError } from "@/lib/server/errors";
import { openSloYamlOf } from "@/lib/server/services/openslo";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { teamWriteRefusal } from "@/lib/server/services/team-access";
import { getSloAlerts, getSloStatus } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";
export const metadata = { title: "SLO" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function SloDetailPage({ params, searchParams }: Props) {
  await guardPage();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const parsed = sloDetailQuerySchema.safeParse({ step: query.step });
  const now = new Date();
  let stepNote: string | null = parsed.success ? null : `step "${query.step}" is not a duration such as 5m, 1h or 1d; showing the default`;
  const load = (stepMs: number | undefined) => getSloStatus(id, now, { stepMs });
  try {
    let slo;
    try {
      slo = await load(parsed.success ? parsed.data.stepMs : undefined);
    } catch (error) {
      // A step too fine for this window: say why and show the default rather than an error page.
      if (!(error instanceof AppError && error.code === "UNPROCESSABLE")) throw error;
      stepNote = error.message;
      slo = await load(undefined);
    }
    const [alerts, editRefusal] = await Promise.all([getSloAlerts(id), currentPrincipal().then((who) => teamWriteRefusal(who, { slos: [id] }))]);
    const step = parsed.success && !stepNote ? (query.step ?? null) : null;
    const activity = (
      <Suspense fallback={<p className="muted" role="status">Loading burn rates and RED over the range…</p>}>
        <SloActivitySection id={id} range={parseTimeRange(query, now)} now={now} objective={Number(slo.definition.objective)} />
      </Suspense>
    );
    return <SloDetailView slo={slo} alerts={alerts} yaml={openSloYamlOf(slo.definition)} step={step} stepNote={stepNote} present={query.present === "1"} activity={activity} editRefusal={editRefusal} />;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
