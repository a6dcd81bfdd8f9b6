import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { maybeGunzip } from "@/lib/server/ingest/decode/gzip";
import { DecodeError, PayloadTooLargeError } from "@/lib/server/ingest/decode/types";

describe("maybeGunzip", () => {
  const text = Buffer.from('{"resourceMetrics":[]}');

  it.each([
    { name: "no Content-Encoding", encoding: null, body: text },
    { name: "identity", encoding: "identity", body: text },
    { name: "gzip", encoding: "gzip", body: gzipSync(text) },
    { name: "GZIP in capitals, with spaces", encoding: " GZIP ", body: gzipSync(text) },
    { name: "x-gzip", encoding: "x-gzip", body: gzipSync(text) },
    { name: "two gzip members back to back", encoding: "gzip", body: Buffer.concat([gzipSync(text.subarray(0, 5)), gzipSync(text.subarray(5))]) },
  ])("$name", ({ encoding, body }) => {
    expect(maybeGunzip(body, encoding, 1024)).toEqual(text);
  });

  it.each([
    { name: "a gzip bomb: 10 MiB of zeros in about 10 KiB", encoding: "gzip", body: gzipSync(Buffer.alloc(10 * 1024 * 1024)) },
    { name: "a plain body over the limit", encoding: null, body: Buffer.alloc(2048) },
  ])("refuses $name past the limit with 413", ({ encoding, body }) => {
    expect(() => maybeGunzip(body, encoding, 1024)).toThrow(PayloadTooLargeError);
  });

  it.each([
    { name: "not gzip", encoding: "gzip", body: text, message: /^gzip: incorrect header check$/ },
    { name: "gzip cut short", encoding: "gzip", body: gzipSync(text).subarray(0, 12), message: /^gzip: unexpected end of file$/ },
    { name: "another compression", encoding: "br", body: text, message: /^unsupported Content-Encoding "br"/ },
  ])("refuses $name with 400", ({ encoding, body, message }) => {
    expect(() => maybeGunzip(body, encoding, 1024)).toThrow(DecodeError);
    expect(() => maybeGunzip(body, encoding, 1024)).toThrow(message);
  });
});
