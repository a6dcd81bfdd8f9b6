import { route } from "@/lib/server/http";
import { actionItemsOverdueFirst } from "@/lib/server/services/postmortem-export";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/action-items", access: "read" }, async () => ({ actionItems: await actionItemsOverdueFirst(new Date()) }));
