import { setupSchema } from "@/lib/schemas/accounts";
import { parseJson, route } from "@/lib/server/http";
import { setupFirstAdmin } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

// public, but only while no admin exists (409 after); the wrapper checks the Origin.
export const POST = route({ name: "/api/setup", access: "public" }, async ({ req }) =>
  Response.json(await setupFirstAdmin(await parseJson(req, setupSchema, 4096)), { status: 201 }),
);
