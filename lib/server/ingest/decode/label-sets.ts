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
 * twice (the lookup string and the key) plus ~200 bytes, so the default is some tens of MB: more
 * series than one process ingests at the target, and a flood of new series (a label
 * with a timestamp in it, say) recycles the cache instead of growing it.
 */
export const DEFAULT_LABEL_SET_CACHE_SIZE = 200_000;

export class LabelSetCache {
  /**
   * By the label bytes as a latin1 string (one char per byte, so equal strings are equal bytes):
   * V8 hashes and compares it natively, faster than any hash written in JS over the bytes.
   */
  private readonly sets = new Map<string, LabelSet>();

  constructor(readonly maxSize = DEFAULT_LABEL_SET_CACHE_SIZE) {}

  get size(): number {
    return this.sets.size;
  }

  /** The set whose label bytes are buf[from, to), if kept. */
  get(buf: Buffer, from: number, to: number): LabelSet | undefined {
    return this.sets.get(buf.toString("latin1", from, to));
  }

  set(buf: Buffer, from: number, to: number, set: LabelSet): void {
    if (this.sets.size >= this.maxSize) {
      // Map iterates in insertion order: the first key is the oldest.
      const oldest = this.sets.keys().next();
      if (!oldest.done) this.sets.delete(oldest.value);
    }
    this.sets.set(buf.toString("latin1", from, to), set);
  }
}

/** Builds a kept series; the labels are frozen because every request carrying them shares them. */
export function labelSetOf(metric: string, labels: Record<string, string>): LabelSet {
  return { kind: "series", metric, labels: Object.freeze(labels), key: seriesKey(metric, labels) };
}
