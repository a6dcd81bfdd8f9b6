import { sloInputSchema } from "@/lib/schemas/slo";
import { parseJson, route } from "@/lib/server/http";
import { createSlo, listSloStatuses } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/slos", access: "public" }, async () => ({ slos: await listSloStatuses(new Date()) }));

export const POST = route({ name: "/api/slos", access: "token" }, async ({ req, actor }) =>
  Response.json(await createSlo(await parseJson(req, sloInputSchema), actor), { status: 201 }),
);
