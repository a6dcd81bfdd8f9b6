import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A high-entropy token (256 bits) with a readable prefix; only its sha256 is stored. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
