import "server-only";
import { type SeriesMemo, newSeriesMemo } from "@/lib/domain/ingest-limits";
import { seriesKey } from "@/lib/domain/series-key";

// A remote-write shard sends the same series every scrape, with the same label bytes. Reading the
// labels (UTF-8 strings, a duplicate check, name rules, an object, then the series key) cost more
// than everything else done per series, so a label set is read once and then found by its raw
// bytes. Only what the bytes alone decide is kept: a set with a duplicate name always fails the
// request and is never kept.

/** What a label set's bytes decide: the series (metric, labels, key) or why it is dropped. */
export type LabelSet =
  | { kind: "series"; metric: string; labels: Readonly<Record<string, string>>; key: string; memo: SeriesMemo }
  | { kind: "dropped"; reason: "missing-name" | "invalid-name" };

/** A kept set, its bytes (as latin1: one char per byte), and the set that came after it last time. */
export type KeptSet = { set: LabelSet; bytes: string; next: KeptSet | null };

/**
 * Label sets kept, at most; past that the oldest goes first. Each costs about its label bytes
 * twice (the lookup string and the key) plus ~200 bytes, so the default is some tens of MB: more
 * series than one process ingests at the target, and a flood of new series (a label
 * with a timestamp in it, say) recycles the cache instead of growing it.
 */
export const DEFAULT_LABEL_SET_CACHE_SIZE = 200_000;

export class LabelSetCache {
  /**
   * By the label bytes as a latin1 string (equal strings are equal bytes): V8 hashes and
   * compares it natively, faster than any hash written in JS over the bytes.
   */
  private readonly sets = new Map<string, KeptSet>();

  constructor(readonly maxSize = DEFAULT_LABEL_SET_CACHE_SIZE) {}

  get size(): number {
    return this.sets.size;
  }

  /**
   * The set whose label bytes are buf[from, to), if kept. A shard sends its series in the same
   * order every request, so the set that followed `previous` last time is tried first: comparing
   * its bytes costs less than half of making the lookup string and hashing it. A set found is
   * remembered as `previous`'s next.
   */
  find(buf: Buffer, from: number, to: number, previous: KeptSet | null): KeptSet | undefined {
    const guess = previous?.next;
    if (guess && isSameBytes(guess.bytes, buf, from, to)) return guess;
    const kept = this.sets.get(buf.toString("latin1", from, to));
    if (kept && previous) previous.next = kept;
    return kept;
  }

  keep(buf: Buffer, from: number, to: number, set: LabelSet, previous: KeptSet | null): KeptSet {
    if (this.sets.size >= this.maxSize) {
      // Map iterates in insertion order: the first is the oldest. A set that went may still be
      // some set's `next`, and its bytes still decide the same set, so finding it is still right.
      // It lets go of its own `next`, which keeps what sets that went hold alive close to the
      // cache's own size rather than growing with every set ever kept.
      const oldest = this.sets.values().next();
      if (!oldest.done) {
        this.sets.delete(oldest.value.bytes);
        oldest.value.next = null;
      }
    }
    const kept: KeptSet = { set, bytes: buf.toString("latin1", from, to), next: null };
    this.sets.set(kept.bytes, kept);
    if (previous) previous.next = kept;
    return kept;
  }
}

function isSameBytes(bytes: string, buf: Buffer, from: number, to: number): boolean {
  if (bytes.length !== to - from) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes.charCodeAt(i) !== buf[from + i]) return false;
  return true;
}

/** Builds a kept series; the labels are frozen because every request carrying them shares them. */
export function labelSetOf(metric: string, labels: Record<string, string>): LabelSet {
  return { kind: "series", metric, labels: Object.freeze(labels), key: seriesKey(metric, labels), memo: newSeriesMemo() };
}
