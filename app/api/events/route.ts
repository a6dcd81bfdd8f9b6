import { eventQuerySchema } from "@/lib/schemas/event";
import { route } from "@/lib/server/http";
import { listEvents } from "@/lib/server/repos/events";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/events", access: "read" }, async ({ req }) => {
  const q = eventQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { events: await listEvents({ from: q.from, to: q.to, kinds: q.kind, services: q.service, subjects: q.subject, limit: q.limit }) };
});
