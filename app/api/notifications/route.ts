import { notificationQuerySchema } from "@/lib/schemas/notification";
import { route } from "@/lib/server/http";
import { notificationList } from "@/lib/server/services/notifications";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/notifications", access: "read" }, async ({ req }) => {
  const query = notificationQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return notificationList({ isUnreadOnly: query.unread, kind: query.kind });
});
