import { z } from "zod";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications";

/** GET /api/notifications and the page's filters. */
export const notificationQuerySchema = z.object({
  unread: z.enum(["1", "true"]).optional().transform((v) => v !== undefined),
  kind: z.enum(NOTIFICATION_KINDS).optional(),
});

/** POST /api/notifications/read: some by id, or every unread one. */
export const markReadSchema = z.union([
  z.strictObject({ ids: z.array(z.string().min(1).max(100)).min(1, "name at least one").max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkRead = z.infer<typeof markReadSchema>;
