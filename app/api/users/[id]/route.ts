import { userPatchSchema } from "@/lib/schemas/accounts";
import { parseJson, route } from "@/lib/server/http";
import { updateUser } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

/** Name, password, roles per team, or disabled (which ends the person's sessions at once). */
export const PATCH = route<{ id: string }>({ name: "/api/users/[id]", access: "admin" }, async ({ req, params, actor }) =>
  updateUser(params.id, await parseJson(req, userPatchSchema, 16_384), actor),
);
