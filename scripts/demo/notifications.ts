// Demo notifications for `npm run demo`: an older, published postmortem whose action items are
// overdue (so reminders keep coming after the incident is closed), then one run of the
// notification job over the last day of demo events. In-app only: the demo sends no webhook.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../lib/domain/slo-math";
import { db } from "../../lib/server/db";
import { notify, notifyConfigFromEnv } from "../../lib/server/jobs/notify";
import { markRead, writeCursor } from "../../lib/server/repos/notifications";
import { changeStatus, createPostmortem } from "../../lib/server/services/postmortems";
import { postmortemInputSchema } from "../../lib/schemas/postmortem";

const TITLE = "Catalog search slow after a full index rebuild";

export async function seedDemoNotifications(now = Date.now()): Promise<number> {
  if ((await db().notification.count()) > 0 || (await db().postmortem.count({ where: { title: TITLE } })) > 0) return 0;
  const started = now - 45 * DAY_MS;
  const iso = (t: number) => new Date(t).toISOString();
  const pm = await createPostmortem(postmortemInputSchema.parse({
    author: "Ana R.", title: TITLE, severity: "sev3", tags: ["search", "capacity"], authors: ["Ana R."],
    startedAt: iso(started), detectedAt: iso(started + 12 * MINUTE_MS), mitigatedAt: iso(started + 50 * MINUTE_MS), resolvedAt: iso(started + 2 * HOUR_MS),
    sections: {
      summary: "Search took over a second for two hours while the product index was rebuilt from scratch during the day.",
      impact: "Search results came slowly for every shopper; a third of searches timed out in the app. (Older than the demo's 30 days of data, so no budget figures.)",
      rootCauses: "- A full reindex was started by hand during business hours.\n- Reindexing has no rate limit and takes every search node's disk.\n- Nothing alerts on index size, so the growth that made the rebuild slow went unseen.",
      detection: "Support tickets, 12 minutes in.",
    },
    actionItems: [
      { title: "Rate-limit reindexing and schedule it off-peak", type: "prevent", owner: "Ana R.", dueDate: iso(now - 17 * DAY_MS) },
      { title: "Alert on index size growth", type: "detect", owner: "Jun K.", dueDate: iso(now - 3 * DAY_MS), status: "in-progress" },
      { title: "Write the reindex runbook", type: "process", owner: "Ana R.", dueDate: iso(now - 20 * DAY_MS), status: "done" },
    ],
  }), new Date(started + DAY_MS));
  await changeStatus(pm.id, { to: "in-review", author: "Ana R." }, new Date(started + 2 * DAY_MS));
  await changeStatus(pm.id, { to: "published", author: "Jun K." }, new Date(started + 3 * DAY_MS));

  // The demo's alerts, breakers and failovers of the last day, as if the job had been running.
  await writeCursor("events", new Date(now - DAY_MS));
  const run = await notify(new Date(now), { ...notifyConfigFromEnv(), webhook: null });
  // Some already read, as on a team's real list.
  const older = await db().notification.findMany({ where: { kind: { not: "reminder" } }, orderBy: { at: "asc" }, select: { id: true } });
  await markRead(older.slice(0, Math.floor(older.length / 2)).map((n) => n.id), new Date(now));
  return run.reminders + run.events;
}
