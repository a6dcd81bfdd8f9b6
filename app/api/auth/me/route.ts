import { principalOf } from "@/lib/server/auth/guard";
import { route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** Who the caller is (session, token, demo viewer or nobody) and what they may do. */
export const GET = route({ name: "/api/auth/me", access: "public" }, async ({ req }) => {
  const p = await principalOf(req, new Date());
  return { actor: p.actor, via: p.via, role: p.role, grants: p.grants };
});
