// Shared by proxy.ts (every request) and the API route wrapper, so a response's x-request-id
// header and its error body always carry the same id.
export const REQUEST_ID_HEADER = "x-request-id";
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's own well-formed id is kept (so traces line up); anything else gets a fresh one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : crypto.randomUUID();
}
