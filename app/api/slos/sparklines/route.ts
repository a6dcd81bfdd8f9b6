import { sparklinesQuerySchema } from "@/lib/schemas/slo-dashboard";
import { route } from "@/lib/server/http";
import { listBudgetSparklines, listSloIds } from "@/lib/server/services/slo-sparklines";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/slos/sparklines", access: "read" }, async ({ req }) => {
  const { ids } = sparklinesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const now = new Date();
  return { sparklines: await listBudgetSparklines(now, ids ?? (await listSloIds())) };
});
