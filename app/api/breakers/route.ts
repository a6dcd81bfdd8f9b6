import { parseTimeRange } from "@/lib/domain/time-range";
import { breakerListQuerySchema } from "@/lib/schemas/breaker";
import { route } from "@/lib/server/http";
import { listBreakerSummaries } from "@/lib/server/services/breakers";

export const dynamic = "force-dynamic";

/** `GET /api/breakers?[service=…][&dependency=…][&state=open][&range=24h | range=custom&from=…&to=…]` */
export const GET = route({ name: "/api/breakers", access: "read" }, async ({ req }) => {
  const params = new URL(req.url).searchParams;
  const now = new Date();
  const query = breakerListQuerySchema.parse({ service: params.get("service") ?? undefined, dependency: params.get("dependency") ?? undefined, state: params.get("state") ?? undefined });
  const range = parseTimeRange({ range: params.get("range"), from: params.get("from"), to: params.get("to") }, now);
  return { from: range.from.toISOString(), to: range.to.toISOString(), breakers: await listBreakerSummaries(query, range, now) };
});
