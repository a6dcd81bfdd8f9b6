import { notFound } from "next/navigation";
import { DocumentView } from "@/components/postmortems/document-view";
import { PrintButton } from "@/components/postmortems/print-button";
import { findPostmortemWithFigures } from "@/lib/server/services/postmortem-export";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Postmortem (print)" };

/** Print-ready: no navigation, comments or buttons on paper (globals.css "postmortems"). */
export default async function PrintPage({ params }: { params: Promise<{ id: string }> }) {
  await guardPage();
  const { id } = await params;
  const now = new Date();
  const postmortem = await findPostmortemWithFigures(id, now);
  if (!postmortem) notFound();
  return (
    <div className="pm-print">
      <PrintButton />
      <h1>{postmortem.document.title}</h1>
      <DocumentView postmortem={postmortem} now={now} />
      <p className="muted">Printed {now.toISOString().slice(0, 16).replace("T", " ")} UTC from Steadystate, version {postmortem.version}.</p>
    </div>
  );
}
