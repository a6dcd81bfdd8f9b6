import { maybeGunzip } from "@/lib/server/ingest/decode/gzip";
import { decodeOtlpMetrics, otlpSchema, type OtlpContentType, type OtlpDecodeResult } from "@/lib/server/ingest/decode/otlp";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { readBody, route } from "@/lib/server/http";
import { ingest } from "@/lib/server/services/ingest";
import { limitIngest } from "@/lib/server/ingest/rate-limit";

export const dynamic = "force-dynamic";

const ExportResponse = otlpSchema.lookupType("opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse");

function contentTypeOf(req: Request): OtlpContentType {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/json") return type;
  throw new AppError("BAD_REQUEST", "content-type must be application/x-protobuf or application/json (OTLP/HTTP)");
}

/** The reply the OTLP spec asks for, in the request's own encoding; partialSuccess only when something was rejected. */
function exportResponse(type: OtlpContentType, decoded: OtlpDecodeResult): Response {
  const partialSuccess = decoded.rejectedDataPoints > 0 ? { rejectedDataPoints: decoded.rejectedDataPoints, errorMessage: decoded.errorMessage ?? "" } : undefined;
  const message = ExportResponse.fromObject(partialSuccess ? { partialSuccess } : {});
  if (type === "application/json") {
    return Response.json(ExportResponse.toObject(message, { longs: Number }), { status: 200 });
  }
  return new Response(new Uint8Array(ExportResponse.encode(message).finish()), { status: 200, headers: { "content-type": type } });
}

/** OTLP/HTTP metrics: protobuf or JSON, gzip or not; 200 once stored. */
export const POST = route({ name: "/otlp/v1/metrics", access: "ingest" }, async ({ req, actor }) => {
  const type = contentTypeOf(req);
  let decoded: OtlpDecodeResult | undefined;
  await ingest("otlp", limitIngest(actor, async () => {
    const maxBytes = env().STEADYSTATE_INGEST_MAX_BODY_BYTES;
    const body = maybeGunzip(await readBody(req, maxBytes), req.headers.get("content-encoding"), maxBytes);
    decoded = decodeOtlpMetrics(body, type);
    return decoded;
  }));
  return exportResponse(type, decoded!);
});
