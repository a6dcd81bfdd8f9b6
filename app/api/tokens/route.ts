import { tokenCreateSchema } from "@/lib/schemas/accounts";
import { parseJson, route } from "@/lib/server/http";
import { createApiToken, listApiTokens } from "@/lib/server/services/api-tokens";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/tokens", access: "admin" }, async () => ({ tokens: await listApiTokens() }));

/** The answer carries the token itself, once; it cannot be read again. */
export const POST = route({ name: "/api/tokens", access: "admin" }, async ({ req, actor }) =>
  Response.json(await createApiToken(await parseJson(req, tokenCreateSchema, 4096), actor), { status: 201, headers: { "cache-control": "no-store" } }),
);
