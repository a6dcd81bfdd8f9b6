import { route } from "@/lib/server/http";
import { listVersions } from "@/lib/server/services/postmortems";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ name: "/api/postmortems/[id]/versions", access: "read" }, async ({ params }) => ({ versions: await listVersions(params.id) }));
