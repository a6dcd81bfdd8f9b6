import { SloEditorPage } from "@/components/slo/slo-editor-page";
import { emptyForm } from "@/components/slo/slo-form";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "New SLO" };

export default async function NewSloPage({ searchParams }: { searchParams: Promise<{ service?: string }> }) {
  await guardPage();
  const { service } = await searchParams;
  return <SloEditorPage title="New SLO" initial={emptyForm(service ?? "")} />;
}
