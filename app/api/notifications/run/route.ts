import { route } from "@/lib/server/http";
import { NOTIFY_JOB } from "@/lib/server/jobs/notify";
import { tick } from "@/lib/server/jobs/runner";

export const dynamic = "force-dynamic";

// Runs the notification job now, under its lease like the timer does (so never twice at once):
// for an operator who just configured the webhook, and for tests that cannot wait a minute.
export const POST = route({ name: "/api/notifications/run", access: "admin" }, async () => ({
  outcome: await tick(NOTIFY_JOB),
}));
