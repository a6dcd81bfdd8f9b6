import { TEST_API_TOKEN } from "./setup-db";

type RouteHandler<P> = (req: Request, context?: { params?: Promise<P> }) => Promise<Response>;

export type CallOptions<P = Record<string, string>> = {
  method?: string;
  path?: string;
  json?: unknown;
  body?: string;
  token?: string | null;
  headers?: Record<string, string>;
  params?: P;
};

/** Calls a route handler the way Next does: a real Request, params as a promise. */
export async function call<P>(handler: RouteHandler<P>, options: CallOptions<P> = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const token = options.token === undefined ? TEST_API_TOKEN : options.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(`http://localhost${options.path ?? "/"}`, { method: options.method ?? "GET", headers, body });
  return handler(req, { params: Promise.resolve(options.params ?? ({} as P)) });
}

export type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[]; requestId: string } };
