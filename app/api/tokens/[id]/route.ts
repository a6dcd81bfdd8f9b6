import { route } from "@/lib/server/http";
import { revokeApiToken } from "@/lib/server/services/api-tokens";

export const dynamic = "force-dynamic";

/** Revokes: the token is refused from the next request on (there is no cache to outlive this). */
export const DELETE = route<{ id: string }>({ name: "/api/tokens/[id]", access: "admin" }, async ({ params, actor }) => revokeApiToken(params.id, actor));
