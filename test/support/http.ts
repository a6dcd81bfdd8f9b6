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
  /** A session cookie's token (test/support/accounts.ts signs people in). */
  session?: string;
  /** The Origin header; with a session it defaults to the app's own (http://localhost). */
  origin?: string | null;
};

/** Calls a route handler the way Next does: a real Request, params as a promise. */
export async function call<P>(handler: RouteHandler<P>, options: CallOptions<P> = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  const token = options.token === undefined ? TEST_API_TOKEN : options.token;
  if (token && !options.session) headers.set("authorization", `Bearer ${token}`);
  if (options.session) headers.set("cookie", `steadystate_session=${options.session}`);
  const origin = options.origin === undefined ? (options.session ? "http://localhost" : null) : options.origin;
  if (origin) headers.set("origin", origin);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(`http://localhost${options.path ?? "/"}`, { method: options.method ?? "GET", headers, body });
  return handler(req, { params: Promise.resolve(options.params ?? ({} as P)) });
}

export type ErrorBody = { error: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[]; requestId: string } };
