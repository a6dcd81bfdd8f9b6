import { route } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/health/live", access: "public" }, async () => ({ status: "live" }));
