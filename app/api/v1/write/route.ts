import { decodeRemoteWrite } from "@/lib/server/ingest/decode/remote-write";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { readBody, route } from "@/lib/server/http";
import { ingest } from "@/lib/server/services/ingest";
import { limitIngest } from "@/lib/server/ingest/rate-limit";

export const dynamic = "force-dynamic";

/** Prometheus remote write 1.0: snappy-compressed protobuf WriteRequest; 204 once stored. */
export const POST = route({ name: "/api/v1/write", access: "ingest" }, async ({ req, actor }) => {
  await ingest("remote-write", limitIngest(actor, async () => {
    const type = (req.headers.get("content-type") ?? "").toLowerCase();
    if (!type.startsWith("application/x-protobuf") || (type.includes("proto=") && !type.includes("prometheus.WriteRequest"))) {
      throw new AppError("BAD_REQUEST", "content-type must be application/x-protobuf (remote write 1.0; 2.0 is not supported)");
    }
    const encoding = req.headers.get("content-encoding");
    if (encoding !== null && encoding.toLowerCase() !== "snappy") throw new AppError("BAD_REQUEST", "content-encoding must be snappy");
    const maxBytes = env().STEADYSTATE_INGEST_MAX_BODY_BYTES;
    return decodeRemoteWrite(await readBody(req, maxBytes), { maxDecodedBytes: maxBytes });
  }));
  return new Response(null, { status: 204 });
});
