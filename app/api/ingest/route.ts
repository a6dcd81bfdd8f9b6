import { jsonIngestSchema } from "@/lib/schemas/ingest";
import { env } from "@/lib/server/env";
import { parseJson, route } from "@/lib/server/http";
import { ingest } from "@/lib/server/services/ingest";
import { limitIngest } from "@/lib/server/ingest/rate-limit";

export const dynamic = "force-dynamic";

export const POST = route({ name: "/api/ingest", access: "ingest" }, async ({ req, actor }) =>
  ingest("json", limitIngest(actor, async () => {
    const body = await parseJson(req, jsonIngestSchema, env().STEADYSTATE_INGEST_MAX_BODY_BYTES);
    return { series: body.map(({ metric, labels, samples }) => ({ metric, labels, samples: samples.map(([t, v]) => ({ t, v })) })), dropped: {} };
  })),
);
