import { parseTimeRange } from "@/lib/domain/time-range";
import { route } from "@/lib/server/http";
import { deleteCluster, getClusterDetail } from "@/lib/server/services/replication";

export const dynamic = "force-dynamic";

/** `?range=1h|6h|24h|7d|30d` or `?range=custom&from=…&to=…` (default 24h): members, lag chart, events. */
export const GET = route<{ id: string }>({ name: "/api/replication/clusters/[id]", access: "read" }, async ({ req, params }) => {
  const search = new URL(req.url).searchParams;
  const range = parseTimeRange({ range: search.get("range"), from: search.get("from"), to: search.get("to") }, new Date());
  return getClusterDetail(params.id, range);
});

export const DELETE = route<{ id: string }>({ name: "/api/replication/clusters/[id]", access: "admin" }, async ({ params, principal }) => {
  await deleteCluster(params.id, principal);
  return new Response(null, { status: 204 });
});
