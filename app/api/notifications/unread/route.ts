import { route } from "@/lib/server/http";
import { unreadCount } from "@/lib/server/services/notifications";

export const dynamic = "force-dynamic";

/** The shell's badge polls this: one count, no list. */
export const GET = route({ name: "/api/notifications/unread", access: "read" }, async () => ({ unread: await unreadCount() }));
