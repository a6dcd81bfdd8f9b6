import { IfCanWrite } from "@/components/auth/viewer-context";
import { TeamWriteGate } from "@/components/auth/team-write-gate";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { teamWriteRefusal } from "@/lib/server/services/team-access";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToFmea } from "@/components/postmortems/add-to-fmea";
import { DocumentView } from "@/components/postmortems/document-view";
import { SectionComments } from "@/components/postmortems/section-comments";
import { WorkflowControls } from "@/components/postmortems/workflow-controls";
import { PageHeader } from "@/components/ui/page-header";
import { POSTMORTEM_SECTIONS } from "@/lib/domain/postmortem";
import { findPostmortemWithFigures } from "@/lib/server/services/postmortem-export";
import { fmeaChoices } from "@/lib/server/services/postmortem-fmea";

export const dynamic = "force-dynamic";
export const metadata = { title: "Postmortem" };

const LABELS: Record<string, string> = { ...Object.fromEntries(POSTMORTEM_SECTIONS.map((s) => [s.key, s.label])), timeline: "Timeline", actionItems: "Action items" };

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  await guardPage();
  const { id } = await params;
  const now = new Date();
  const postmortem = await findPostmortemWithFigures(id, now);
  if (!postmortem) notFound();
  const [fmea, editRefusal] = await Promise.all([fmeaChoices(postmortem, now), currentPrincipal().then((who) => teamWriteRefusal(who, { postmortem: id }))]);
  return (
    <>
      <PageHeader
        title={postmortem.document.title}
        actions={
          <nav aria-label="Postmortem" className="pm-actions">
            <TeamWriteGate refusal={editRefusal} what="Editing"><Link className="button" href={`/postmortems/${id}/edit`}>Edit</Link></TeamWriteGate>
            <Link className="button" href={`/postmortems/${id}/versions`}>Versions ({postmortem.version})</Link>
            <a className="button" href={`/api/postmortems/${id}/markdown`} download>Export Markdown</a>
            <Link className="button" href={`/postmortems/${id}/print`}>Print view</Link>
          </nav>
        }
      />
      <WorkflowControls id={id} status={postmortem.status} />
      <DocumentView
        postmortem={postmortem}
        now={now}
        aside={(section) => (
          <>
            <SectionComments id={id} section={section} label={LABELS[section] ?? section} comments={postmortem.comments.filter((c) => c.section === section)} />
            {section === "rootCauses" ? <IfCanWrite><AddToFmea postmortemId={id} {...fmea} /></IfCanWrite> : null}
          </>
        )}
      />
    </>
  );
}
