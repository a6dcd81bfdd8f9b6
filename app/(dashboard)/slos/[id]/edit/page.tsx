import { notFound } from "next/navigation";
import { SloEditorPage } from "@/components/slo/slo-editor-page";
import { fromDefinition } from "@/components/slo/slo-form";
import { findSlo } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit SLO" };

export default async function EditSloPage({ params }: { params: Promise<{ id: string }> }) {
  const slo = await findSlo((await params).id);
  if (!slo) notFound();
  return <SloEditorPage title={`Edit ${slo.name}`} initial={fromDefinition(slo)} sloId={slo.id} />;
}
