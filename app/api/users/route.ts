import { userCreateSchema } from "@/lib/schemas/accounts";
import { parseJson, route } from "@/lib/server/http";
import { createUser, listUsers } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/users", access: "admin" }, async () => ({ users: await listUsers() }));

export const POST = route({ name: "/api/users", access: "admin" }, async ({ req, actor }) =>
  Response.json(await createUser(await parseJson(req, userCreateSchema, 16_384), actor), { status: 201 }),
);
