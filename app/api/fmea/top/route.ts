import { topRisksQuerySchema } from "@/lib/schemas/fmea";
import { route } from "@/lib/server/http";
import { topRisks } from "@/lib/server/services/fmea";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/fmea/top", access: "read" }, async ({ req }) => {
  const { limit } = topRisksQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { risks: await topRisks(limit, new Date()) };
});
