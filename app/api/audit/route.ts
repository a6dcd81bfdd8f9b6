import { auditQuerySchema } from "@/lib/schemas/audit";
import { route } from "@/lib/server/http";
import { searchAudit } from "@/lib/server/services/audit";

export const dynamic = "force-dynamic";

// Who changed what is for admins: "token" until accounts land, then the admin role (README).
export const GET = route({ name: "/api/audit", access: "admin" }, async ({ req }) =>
  searchAudit(auditQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams))),
);
