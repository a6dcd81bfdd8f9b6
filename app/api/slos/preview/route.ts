import { sloInputSchema } from "@/lib/schemas/slo";
import { parseJson, route } from "@/lib/server/http";
import { previewSlo } from "@/lib/server/services/slos";

export const dynamic = "force-dynamic";

// Public like every read: it computes over data anyone may already read, and stores nothing.
export const POST = route({ name: "/api/slos/preview", access: "read" }, async ({ req }) =>
  previewSlo(await parseJson(req, sloInputSchema), new Date()),
);
