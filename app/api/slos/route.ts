import { sloInputSchema } from "@/lib/schemas/slo";
import { parseJson, route } from "@/lib/server/http";
import { sloListQuerySchema } from "@/lib/schemas/slo-list";
import { createSlo, listSloSummaries } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/slos", access: "read" }, async ({ req }) => ({
  slos: await listSloSummaries(new Date(), sloListQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams))),
}));

export const POST = route({ name: "/api/slos", access: "write" }, async ({ req, principal }) =>
  Response.json(await createSlo(await parseJson(req, sloInputSchema), principal), { status: 201 }),
);
