/**
 * The audit log's pure parts: what changed between two versions of an entity, with secret values
 * redacted, and the cursor that pages through entries newest first.
 */

/** Written in place of a secret's value: the entry says the field changed, never what it holds. */
export const REDACTED = "[redacted]";

// Field names whose values are never written to the log, at any depth (data source headers,
// connection strings, tokens, passwords).
const SECRET_FIELD = /password|secret|token|connection|headers|authorization|cookie|apikey|api_key/i;

export type AuditChanges = { before: Record<string, unknown> | null; after: Record<string, unknown> | null };

/** A copy with every secret-named field's value replaced by REDACTED. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, SECRET_FIELD.test(key) ? REDACTED : redactSecrets(v)]),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// Bookkeeping the store changes on every write; listing it would make every update look busy.
const IGNORED = new Set(["updatedAt", "createdAt"]);

/**
 * The top-level fields that differ, each side holding only those fields. A create has no before,
 * a delete no after; both then hold every field. Secret-named fields are redacted either way.
 * Neither: an entry whose summary says it all.
 */
export function auditChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditChanges {
  const pick = (from: Record<string, unknown>, keys: string[]) =>
    redactSecrets(Object.fromEntries(keys.map((k) => [k, from[k] ?? null]))) as Record<string, unknown>;
  if (!before && !after) return { before: null, after: null };
  if (!before || !after) {
    const only = (before ?? after)!;
    const keys = Object.keys(only).filter((k) => !IGNORED.has(k));
    return before ? { before: pick(only, keys), after: null } : { before: null, after: pick(only, keys) };
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !IGNORED.has(k) && !same(before[k], after[k]));
  return { before: pick(before, keys), after: pick(after, keys) };
}

/** Where a page of entries (newest first) ends: the last entry's time and id. */
export type AuditCursor = { at: Date; id: string };

// `<ms>.<id>`: opaque to callers, safe in a URL as is (ids are cuids: letters and digits).
export function encodeAuditCursor(cursor: AuditCursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

/** null for anything that is not a cursor this module wrote. */
export function decodeAuditCursor(text: string): AuditCursor | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(text);
  return match ? { at: new Date(Number(match[1])), id: match[2]! } : null;
}
