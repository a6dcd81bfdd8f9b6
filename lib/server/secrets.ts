import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "./errors";
import { env } from "./env";

/**
 * Secrets at rest (connection strings now, data source headers later): AES-256-GCM with a key
 * from STEADYSTATE_SECRET_KEY, in a versioned envelope `v1.<iv>.<tag>.<ciphertext>` (base64url),
 * so a later key rotation can add `v2` and still open what `v1` sealed.
 *
 * `purpose` is bound as additional authenticated data: a value sealed for one use (say
 * "replication.connection") does not open as another, even with the same key.
 *
 * Without a key nothing is sealed: callers refuse to store a secret (sealSecret throws an
 * UNAVAILABLE AppError naming the setting) rather than keep it in clear text.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealWithKey(key: Buffer, purpose: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Throws if the envelope is malformed, of an unknown version, or was not sealed by this key and purpose. */
export function openWithKey(key: Buffer, purpose: string, envelope: string): string {
  const parts = envelope.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error(`not a ${VERSION} secret envelope`);
  const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("corrupt secret envelope");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("secret cannot be opened: wrong STEADYSTATE_SECRET_KEY, or the value was tampered with");
  }
}

function configuredKey(): Buffer {
  const key = env().STEADYSTATE_SECRET_KEY;
  if (!key) {
    throw new AppError("UNAVAILABLE", "storing secrets is disabled: set STEADYSTATE_SECRET_KEY to 32 random bytes (openssl rand -base64 32); see README \"Configuration\"");
  }
  return key;
}

export const sealSecret = (purpose: string, plaintext: string) => sealWithKey(configuredKey(), purpose, plaintext);
export const openSecret = (purpose: string, envelope: string) => openWithKey(configuredKey(), purpose, envelope);
export const hasSecretKey = () => env().STEADYSTATE_SECRET_KEY !== undefined;

/** Whether a stored value is an envelope sealWithKey wrote (and not a value kept in clear text). */
export const isSealed = (value: string) => /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/.test(value);
