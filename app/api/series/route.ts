import { seriesQuerySchema } from "@/lib/schemas/series";
import { route } from "@/lib/server/http";
import { findSeriesMinutes } from "@/lib/server/services/series";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/series", access: "read" }, async ({ req }) => {
  const query = seriesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { series: await findSeriesMinutes(query) };
});
