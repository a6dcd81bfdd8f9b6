import "server-only";
import { gunzipSync } from "node:zlib";
import { DecodeError, PayloadTooLargeError } from "./types";

/**
 * The request body as the decoders want it: gunzipped when `Content-Encoding: gzip` (the one
 * compression OTLP/HTTP defines), as it is when there is none. A body that would inflate past
 * maxBytes is refused while inflating, so a small zip bomb never becomes a large buffer.
 */
export function maybeGunzip(body: Buffer, contentEncoding: string | null | undefined, maxBytes: number): Buffer {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (encoding === "" || encoding === "identity") {
    if (body.length > maxBytes) throw new PayloadTooLargeError(`body is ${body.length} bytes; the limit is ${maxBytes}`);
    return body;
  }
  if (encoding !== "gzip" && encoding !== "x-gzip") throw new DecodeError(`unsupported Content-Encoding ${JSON.stringify(contentEncoding)}; use gzip or none`);
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PayloadTooLargeError(`gzip: the body inflates to more than ${maxBytes} bytes`);
    }
    throw new DecodeError(`gzip: ${error instanceof Error ? error.message : String(error)}`);
  }
}
