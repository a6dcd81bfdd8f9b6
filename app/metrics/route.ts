import { route } from "@/lib/server/http";
import { metrics } from "@/lib/server/metrics";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/metrics", access: "public" }, async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
