import { markReadSchema } from "@/lib/schemas/notification";
import { parseJson, route } from "@/lib/server/http";
import { markNotificationsRead } from "@/lib/server/services/notifications";

export const dynamic = "force-dynamic";

export const POST = route({ name: "/api/notifications/read", access: "write" }, async ({ req }) =>
  markNotificationsRead(await parseJson(req, markReadSchema), new Date()),
);
