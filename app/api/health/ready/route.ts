import { route } from "@/lib/server/http";
import { readiness } from "@/lib/server/services/health";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/health/ready", access: "public" }, async () => {
  const result = await readiness();
  return Response.json({ status: result.ready ? "ready" : "not-ready", ...result }, { status: result.ready ? 200 : 503 });
});
