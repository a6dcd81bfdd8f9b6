import { route } from "@/lib/server/http";
import { listTeams } from "@/lib/server/services/accounts";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/teams", access: "admin" }, async () => ({ teams: await listTeams() }));
