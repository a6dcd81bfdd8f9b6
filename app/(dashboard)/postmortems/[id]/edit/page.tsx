import { WriteGate } from "@/components/auth/viewer-context";
import { TeamWriteGate } from "@/components/auth/team-write-gate";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { teamWriteRefusal } from "@/lib/server/services/team-access";
import { PostmortemEditor } from "@/components/postmortems/editor";
import { PageHeader } from "@/components/ui/page-header";
import { sloOptions } from "@/lib/server/services/postmortem-figures";
import { findPostmortemView } from "@/lib/server/services/postmortems";
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit postmortem" };

export default async function EditPostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  await guardPage();
  const { id } = await params;
  const [postmortem, slos, editRefusal] = await Promise.all([findPostmortemView(id), sloOptions(), currentPrincipal().then((who) => teamWriteRefusal(who, { postmortem: id }))]);
  if (!postmortem) notFound();
  const note = postmortem.status === "published" ? "Published: saving keeps it published, as a new version." : `Version ${postmortem.version}, ${postmortem.status}.`;
  return (
    <>
      <PageHeader title={`Edit: ${postmortem.document.title}`} description={note} />
      <WriteGate what="Editing a postmortem">
        <TeamWriteGate refusal={editRefusal} what="Editing this postmortem">
          <PostmortemEditor id={id} initial={postmortem.document} slos={slos} />
        </TeamWriteGate>
      </WriteGate>
    </>
  );
}
