import { route } from "@/lib/server/http";
import { getSloAlerts } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ name: "/api/slos/[id]/alerts", access: "read" }, async ({ params }) => getSloAlerts(params.id));
