import { queryObject, windowQuerySchema } from "@/lib/schemas/postmortem";
import { route } from "@/lib/server/http";
import { timelineSuggestions } from "@/lib/server/services/postmortem-figures";

export const dynamic = "force-dynamic";

/** The draft timeline for a window: recorded events, each with its source. `?slo=a,b&from=…&to=…`. */
export const GET = route({ name: "/api/postmortems/timeline", access: "read" }, async ({ req }) => {
  const q = windowQuerySchema.parse(queryObject(new URL(req.url).searchParams));
  return { entries: await timelineSuggestions({ sloIds: q.slo, window: { start: q.from, end: q.to } }) };
});
