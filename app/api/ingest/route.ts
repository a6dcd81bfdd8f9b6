import { jsonIngestSchema } from "@/lib/schemas/ingest";
import { env } from "@/lib/server/env";
import { parseJson, route } from "@/lib/server/http";
import { ingest } from "@/lib/server/services/ingest";

export const dynamic = "force-dynamic";

export const POST = route({ name: "/api/ingest", access: "ingest" }, async ({ req }) =>
  ingest("json", async () => {
    const body = await parseJson(req, jsonIngestSchema, env().STEADYSTATE_INGEST_MAX_BODY_BYTES);
    return { series: body.map(({ metric, labels, samples }) => ({ metric, labels, samples: samples.map(([t, v]) => ({ t, v })) })), dropped: {} };
  }),
);
