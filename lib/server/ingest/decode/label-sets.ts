import "server-only";
import { seriesKey } from "@/lib/domain/series-key";

// A remote-write shard sends the same series every scrape, with the same label bytes. Reading the
// labels (UTF-8 strings, a duplicate check, name rules, an object, then the series key) cost more
// than everything else done per series, so a label set is read once and then found by its raw
// bytes. Only what the bytes alone decide is kept: a set with a duplicate name always fails the
// request and is never kept.

/** What a label set's bytes decide: the series (metric, labels, key) or why it is dropped. */
export type LabelSet =
  | { kind: "series"; metric: string; labels: Readonly<Record<string, string>>; key: string }
  | { kind: "dropped"; reason: "missing-name" | "invalid-name" };

/**
 * Label sets kept, at most; past that the oldest goes first. Each costs about its label bytes
 * twice (a copy of the bytes and the key) plus ~200 bytes, so the default is some tens of MB: more
 * series than one process ingests at the target, and a flood of new series (a label
 * with a timestamp in it, say) recycles the cache instead of growing it.
 */
export const DEFAULT_LABEL_SET_CACHE_SIZE = 200_000;

export class LabelSetCache {
  /** By a hash of the bytes; the bytes themselves confirm a hit (a colliding set reads the slow way). */
  private readonly sets = new Map<number, { bytes: Buffer; set: LabelSet }>();

  constructor(readonly maxSize = DEFAULT_LABEL_SET_CACHE_SIZE) {}

  get size(): number {
    return this.sets.size;
  }

  /** The set whose label bytes are buf[from, to), if kept. */
  get(buf: Buffer, from: number, to: number): LabelSet | undefined {
    const kept = this.sets.get(hashBytes(buf, from, to));
    if (!kept || kept.bytes.length !== to - from || buf.compare(kept.bytes, 0, kept.bytes.length, from, to) !== 0) return undefined;
    return kept.set;
  }

  set(buf: Buffer, from: number, to: number, set: LabelSet): void {
    if (this.sets.size >= this.maxSize) {
      // Map iterates in insertion order: the first key is the oldest.
      const oldest = this.sets.keys().next();
      if (!oldest.done) this.sets.delete(oldest.value);
    }
    // A copy: the request's buffer is not kept alive by the cache.
    this.sets.set(hashBytes(buf, from, to), { bytes: Buffer.from(buf.subarray(from, to)), set });
  }
}

/** FNV-1a over buf[from, to): no string is made per series, which cost more than the lookup. */
function hashBytes(buf: Buffer, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
  return hash >>> 0;
}

/** Builds a kept series; the labels are frozen because every request carrying them shares them. */
export function labelSetOf(metric: string, labels: Record<string, string>): LabelSet {
  return { kind: "series", metric, labels: Object.freeze(labels), key: seriesKey(metric, labels) };
}
