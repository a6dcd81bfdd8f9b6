import { route } from "@/lib/server/http";
import { exportOpenSlo } from "@/lib/server/services/openslo";

export const dynamic = "force-dynamic";

export const GET = route({ name: "/api/slos/export", access: "read" }, async () =>
  new Response(await exportOpenSlo(), {
    headers: { "content-type": "application/yaml", "content-disposition": 'attachment; filename="slos.openslo.yaml"' },
  }),
);
