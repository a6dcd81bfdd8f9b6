import { notFound } from "next/navigation";
import { SloEditorPage } from "@/components/slo/slo-editor-page";
import { fromDefinition } from "@/components/slo/slo-form";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { findSlo } from "@/lib/server/services/slos";
import { teamWriteRefusal } from "@/lib/server/services/team-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit SLO" };

export default async function EditSloPage({ params }: { params: Promise<{ id: string }> }) {
  await guardPage();
  const id = (await params).id;
  const [slo, refusal] = await Promise.all([findSlo(id), currentPrincipal().then((who) => teamWriteRefusal(who, { slos: [id] }))]);
  if (!slo) notFound();
  // The save would be refused: say why instead of offering a form (the server checks regardless).
  if (refusal) {
    return (
      <>
        <PageHeader title={`Edit ${slo.name}`} />
        <EmptyState title="You cannot edit this SLO">
          <p>Editing {refusal}. Ask an admin for that role, or sign in as someone who has it.</p>
        </EmptyState>
      </>
    );
  }
  return <SloEditorPage title={`Edit ${slo.name}`} initial={fromDefinition(slo)} sloId={slo.id} />;
}
