import "server-only";
import { ZodError, type z } from "zod";
import { AppError, type ErrorCode, type ErrorIssue, STATUS } from "./errors";
import { log } from "./log";
import { metrics } from "./metrics";
import { REQUEST_ID_HEADER, requestIdFrom } from "@/lib/request-id";
import type { AccessRule } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { authorize } from "./auth/guard";
import type { Principal } from "./auth/principal";

/**
 * Who may call a route. Every route declares one; there is no default (lib/domain/access.ts):
 * public (health, metrics, sign-in), read, write, admin, ingest. README "Accounts and access".
 */
export type Access = AccessRule;

/** What a handler gets: `actor` is who is calling (for the audit log and per-caller limits). */
export type RouteContext<P> = { req: Request; params: P; requestId: string; actor: Actor; principal: Principal };
type Handler<P> = (ctx: RouteContext<P>) => Promise<Response | object>;


function errorBody(code: ErrorCode, message: string, requestId: string, issues?: ErrorIssue[]) {
  return { error: { code, message, ...(issues ? { issues } : {}), requestId } };
}

type PrismaLikeError = { name: string; code: string; meta?: { target?: unknown; modelName?: string } };
function isPrismaKnownError(error: unknown): error is PrismaLikeError {
  return (
    typeof error === "object" && error !== null &&
    (error as { name?: string }).name === "PrismaClientKnownRequestError" &&
    typeof (error as { code?: unknown }).code === "string"
  );
}

function toErrorResponse(error: unknown, requestId: string, routeName: string): Response {
  let code: ErrorCode = "INTERNAL";
  let message = "internal error; quote the request id when reporting it";
  let issues: ErrorIssue[] | undefined;
  let headers: Record<string, string> = {};
  if (error instanceof AppError) {
    ({ code, message, issues } = error);
    headers = error.headers ?? {};
  } else if (error instanceof ZodError) {
    code = "UNPROCESSABLE";
    message = "the request does not match the expected shape";
    issues = error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
  } else if (isPrismaKnownError(error) && error.code === "P2002") {
    code = "CONFLICT";
    message = "a record with the same unique key already exists";
  } else if (isPrismaKnownError(error) && error.code === "P2025") {
    code = "NOT_FOUND";
    message = "record not found";
  }
  if (code === "INTERNAL") {
    log.error("unhandled error", { requestId, route: routeName, error: error instanceof Error ? error.stack : String(error) });
  }
  return Response.json(errorBody(code, message, requestId, issues), { status: STATUS[code], headers });
}

/** One wrapper for every API route: request id, access check, error mapping, duration metric. */
export function route<P = Record<string, never>>(
  options: { name: string; access: Access },
  handler: Handler<P>,
) {
  return async (req: Request, context?: { params?: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    const end = metrics().httpDuration.startTimer({ route: options.name, method: req.method });
    let response: Response;
    try {
      const principal = await authorize(req, options.access);
      const params = ((await context?.params) ?? {}) as P;
      const result = await handler({ req, params, requestId, actor: principal.actor, principal });
      response = result instanceof Response ? result : Response.json(result);
    } catch (error) {
      response = toErrorResponse(error, requestId, options.name);
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    end({ status: String(response.status) });
    return response;
  };
}

const DEFAULT_MAX_JSON_BYTES = 1024 * 1024;

/** The raw body, refused with 413 past maxBytes: by the declared length first, then as it streams. */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `body exceeds ${maxBytes} bytes`);
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Reads a JSON body within a size limit and validates it; throws AppError/ZodError for the wrapper. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_MAX_JSON_BYTES): Promise<z.infer<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("BAD_REQUEST", "content-type must be application/json");
  }
  const text = (await readBody(req, maxBytes)).toString("utf8");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "body is not valid JSON");
  }
  return schema.parse(data);
}
