import { WriteGate } from "@/components/auth/viewer-context";
import { PostmortemEditor } from "@/components/postmortems/editor";
import { PageHeader } from "@/components/ui/page-header";
import { SECTION_KEYS } from "@/lib/domain/postmortem";
import type { PostmortemDocument } from "@/lib/schemas/postmortem";
import { alertWindow, sloOptions } from "@/lib/server/services/postmortem-figures";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "New postmortem" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const instant = (v: string | undefined) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null);

/** `?slo=<id>[&from=…&to=…]`: started from an SLO's alert, the window is its latest alert episode. */
export default async function NewPostmortemPage({ searchParams }: { searchParams: Search }) {
  await guardPage();
  const params = await searchParams;
  const slos = await sloOptions();
  const slo = slos.find((s) => s.id === one(params.slo));
  const episode = slo && !one(params.from) ? await alertWindow(slo.id, new Date()) : null;
  const initial: PostmortemDocument = {
    title: slo ? `${slo.name}: ` : "",
    severity: "sev3",
    startedAt: instant(one(params.from)) ?? episode?.start.toISOString() ?? "",
    detectedAt: null,
    mitigatedAt: null,
    resolvedAt: instant(one(params.to)) ?? episode?.end?.toISOString() ?? null,
    authors: [],
    sloIds: slo ? [slo.id] : [],
    tags: [],
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, ""])) as PostmortemDocument["sections"],
    timeline: [],
    actionItems: [],
    noActionItems: false,
  };
  const note = slo ? (episode ? `Window from ${slo.name}'s latest alert episode.` : `${slo.name} has no alert in the last 14 days: set the window by hand.`) : null;
  return (
    <>
      <PageHeader title="New postmortem" description={note ?? "Blameless: describe what happened and why it made sense at the time."} />
      <WriteGate what="Writing a postmortem">
        <PostmortemEditor id={null} initial={initial} slos={slos} />
      </WriteGate>
    </>
  );
}
