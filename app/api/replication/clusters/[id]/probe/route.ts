import { route } from "@/lib/server/http";
import { probeClusterNow } from "@/lib/server/services/replication";

export const dynamic = "force-dynamic";

/** Probes the cluster now (the job does it every 30 s) and answers with what it saw. */
export const POST = route<{ id: string }>({ name: "/api/replication/clusters/[id]/probe", access: "write" }, async ({ params }) => probeClusterNow(params.id, new Date()));
