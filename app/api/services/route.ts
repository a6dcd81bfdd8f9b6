import { route, parseJson } from "@/lib/server/http";
import { serviceInputSchema } from "@/lib/schemas/service";
import { createService, listServices } from "@/lib/server/services/services";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/services", access: "read" }, async () => ({ services: await listServices() }));

export const POST = route({ name: "/api/services", access: "write" }, async ({ req, principal }) => {
  const input = await parseJson(req, serviceInputSchema);
  return Response.json(await createService(input, principal), { status: 201 });
});
