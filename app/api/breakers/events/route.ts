import { breakerEventsSchema } from "@/lib/schemas/breaker";
import { parseJson, route } from "@/lib/server/http";
import { reportBreakerEvents } from "@/lib/server/services/breakers";

export const dynamic = "force-dynamic";

/** `POST /api/breakers/events`: one breaker state report or an array of them (README "Breakers"). */
export const POST = route({ name: "/api/breakers/events", access: "ingest" }, async ({ req }) =>
  reportBreakerEvents(await parseJson(req, breakerEventsSchema)),
);
