import { clusterInputSchema } from "@/lib/schemas/replication";
import { parseJson, route } from "@/lib/server/http";
import { listClusterSummaries, registerCluster } from "@/lib/server/services/replication";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/replication/clusters", access: "read" }, async () => ({ clusters: await listClusterSummaries(new Date()) }));

export const POST = route({ name: "/api/replication/clusters", access: "admin" }, async ({ req, principal }) =>
  Response.json(await registerCluster(await parseJson(req, clusterInputSchema), principal), { status: 201 }),
);
