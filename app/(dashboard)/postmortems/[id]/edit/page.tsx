import { WriteGate } from "@/components/auth/viewer-context";
import { PostmortemEditor } from "@/components/postmortems/editor";
import { PageHeader } from "@/components/ui/page-header";
import { sloOptions } from "@/lib/server/services/postmortem-figures";
import { findPostmortemView } from "@/lib/server/services/postmortems";
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit postmortem" };

export default async function EditPostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [postmortem, slos] = await Promise.all([findPostmortemView(id), sloOptions()]);
  if (!postmortem) notFound();
  const note = postmortem.status === "published" ? "Published: saving keeps it published, as a new version." : `Version ${postmortem.version}, ${postmortem.status}.`;
  return (
    <>
      <PageHeader title={`Edit: ${postmortem.document.title}`} description={note} />
      <WriteGate what="Editing a postmortem">
        <PostmortemEditor id={id} initial={postmortem.document} slos={slos} />
      </WriteGate>
    </>
  );
}
