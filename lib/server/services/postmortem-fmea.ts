import "server-only";
import { rootCauseList } from "@/lib/domain/postmortem";
import type { PostmortemRecord } from "../repos/postmortems";
import { listWorksheetSummaries } from "./fmea";
import { listServices } from "./services";

/**
 * What the postmortem page's "Add to FMEA" offers: its root causes, the worksheets (those of its
 * services first), a new worksheet for each of its services that has none, and the row's defaults.
 */
export async function fmeaChoices(p: PostmortemRecord, now: Date) {
  const [worksheets, services] = await Promise.all([listWorksheetSummaries(now), listServices()]);
  const ours = [...new Set(p.slos.map((s) => s.service))];
  const isOurs = (w: (typeof worksheets)[number]) => (w.service && ours.includes(w.service.slug) ? 0 : 1);
  const covered = new Set(worksheets.flatMap((w) => (w.service ? [w.service.slug] : [])));
  const firstService = services.find((s) => s.slug === ours[0]);
  const impact = p.document.sections.impact.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  return {
    rootCauses: rootCauseList(p.document.sections.rootCauses),
    worksheets: [...worksheets].sort((a, b) => isOurs(a) - isOurs(b)).map((w) => ({ id: w.id, title: w.service ? `${w.title} (${w.service.name})` : w.title })),
    newFor: services.filter((s) => ours.includes(s.slug) && !covered.has(s.slug)).map((s) => ({ slug: s.slug, name: s.name })),
    defaults: {
      item: firstService?.name ?? "",
      mode: p.document.title.slice(0, 500),
      effect: impact.replace(/[*_`#>]+/g, "").replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "").trim().slice(0, 500),
    },
  };
}
