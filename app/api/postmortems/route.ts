import { postmortemInputSchema, postmortemQuerySchema, queryObject } from "@/lib/schemas/postmortem";
import { parseJson, route } from "@/lib/server/http";
import { createPostmortem, searchPostmortems } from "@/lib/server/services/postmortems";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/postmortems", access: "read" }, async ({ req }) =>
  searchPostmortems(postmortemQuerySchema.parse(queryObject(new URL(req.url).searchParams))),
);

export const POST = route({ name: "/api/postmortems", access: "write" }, async ({ req, principal }) =>
  Response.json(await createPostmortem(await parseJson(req, postmortemInputSchema), new Date(), principal), { status: 201 }),
);
