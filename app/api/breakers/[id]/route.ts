import { parseTimeRange } from "@/lib/domain/time-range";
import { route } from "@/lib/server/http";
import { getBreakerDetail } from "@/lib/server/services/breakers";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ name: "/api/breakers/[id]", access: "read" }, async ({ req, params }) => {
  const search = new URL(req.url).searchParams;
  const now = new Date();
  const range = parseTimeRange({ range: search.get("range"), from: search.get("from"), to: search.get("to") }, now);
  return getBreakerDetail(params.id, range, now);
});
