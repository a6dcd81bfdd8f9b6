import "server-only";
import { byOverdueFirst, isOverdue } from "@/lib/domain/postmortem";
import { figureChanges } from "@/lib/domain/postmortem-figures";
import { postmortemMarkdown } from "@/lib/domain/postmortem-markdown";
import { remindersByItem } from "../repos/notifications";
import { listActionItems } from "../repos/postmortems";
import { incidentFigures } from "./postmortem-figures";
import { findPostmortemView, getPostmortemView } from "./postmortems";

/**
 * A postmortem with the budget each of its SLOs spent in the incident window, computed now from
 * the SLO's data source; once published, also the figures frozen at publication and every figure
 * the recomputation now disagrees with.
 */
export async function postmortemWithFigures(id: string, now: Date) {
  const view = await getPostmortemView(id);
  const live = await incidentFigures(view.document, now);
  const changes = view.frozen ? figureChanges(view.frozen.figures, live) : [];
  return { ...view, window: live.window, budgets: live.budgets, changes };
}
/** The same, or null when there is no such postmortem (pages answer with their not-found page). */
export async function findPostmortemWithFigures(id: string, now: Date): Promise<PostmortemWithFigures | null> {
  return (await findPostmortemView(id)) ? postmortemWithFigures(id, now) : null;
}
export type PostmortemWithFigures = Awaited<ReturnType<typeof postmortemWithFigures>>;

export async function postmortemAsMarkdown(id: string, now: Date) {
  const p = await postmortemWithFigures(id, now);
  const d = p.document;
  const markdown = postmortemMarkdown({
    title: d.title, status: p.status, severity: d.severity, version: p.version, authors: d.authors, tags: d.tags,
    times: { startedAt: d.startedAt, detectedAt: d.detectedAt, mitigatedAt: d.mitigatedAt, resolvedAt: d.resolvedAt },
    durations: p.frozen?.figures.durations ?? p.durations,
    // Published: the figures as published, which a reader can quote; the page shows any drift since.
    budgets: (p.frozen?.figures.budgets ?? p.budgets).map((b) => ({ name: b.slo.name, service: b.slo.service, bad: b.window?.bad ?? null, valid: b.window?.valid ?? null, allowed: b.period?.allowed ?? null, consumed: b.consumed, error: b.error })),
    sections: d.sections, timeline: d.timeline, actionItems: d.actionItems, noActionItems: d.noActionItems,
  });
  const slug = d.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "postmortem";
  return { filename: `${d.startedAt.slice(0, 10)}-${slug}.md`, markdown };
}

/** Every action item across postmortems, overdue first, with the reminders sent for it (they do not stop at publication). */
export async function actionItemsOverdueFirst(now: Date) {
  const [items, reminders] = await Promise.all([listActionItems(), remindersByItem()]);
  return items.sort(byOverdueFirst(now)).map((item) => ({ ...item, dueDate: item.dueDate.toISOString(), isOverdue: isOverdue(item, now), reminders: reminders.get(item.id) ?? null }));
}
