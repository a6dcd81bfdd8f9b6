import { queryObject, windowQuerySchema } from "@/lib/schemas/postmortem";
import { route } from "@/lib/server/http";
import { budgetsInWindow } from "@/lib/server/services/postmortem-figures";

export const dynamic = "force-dynamic";

/** The error budget each SLO spent in a window: `?slo=a,b&from=…&to=…`. */
export const GET = route({ name: "/api/postmortems/budget", access: "read" }, async ({ req }) => {
  const q = windowQuerySchema.parse(queryObject(new URL(req.url).searchParams));
  return { budgets: await budgetsInWindow(q.slo, { start: q.from, end: q.to }) };
});
