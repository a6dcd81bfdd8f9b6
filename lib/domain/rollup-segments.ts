// Which rollup rows make up the counts of an interval, as pieces that repeat from one evaluation
// to the next so their sums can be kept (lib/server/datasources/rollup-cache.ts).
//
// The rows are always the same ones: minute m belongs to [start, end) when
// ceil(start / 1 min) ≤ m < ceil(end / 1 min) (a delta belongs to its later sample's bucket, and
// a rollup minute is summed once the interval reaches into it). Whole hours inside are read from
// the hourly rows, the minutes at the edges from the minute rows; both hold the same deltas.
// On top of that, the minutes are cut at 10-minute boundaries and the hours at day boundaries:
// a window that moves by a minute then shares all but its edge pieces with the one before.

import { HOUR_MS, type Interval, MINUTE_MS } from "./slo-math";

export type RollupTable = "minutes" | "hours";

/** Buckets [from, to) of one table: minutes or hours since the Unix epoch. */
export type RollupSegment = { table: RollupTable; from: number; to: number };

/** Aligned blocks: 10 minutes, 24 hours. A block is [k·size, (k+1)·size). */
export const BLOCK_SIZE: Record<RollupTable, number> = { minutes: 10, hours: 24 };

export const segmentKey = (s: RollupSegment) => `${s.table}:${s.from}:${s.to}`;

export const isBlock = (s: RollupSegment) => s.to - s.from === BLOCK_SIZE[s.table] && s.from % BLOCK_SIZE[s.table] === 0;

/** The first and one-past-last minute rollup an interval counts. */
export function minuteRange(interval: Interval): { from: number; to: number } {
  return { from: Math.ceil(interval.start.getTime() / MINUTE_MS), to: Math.ceil(interval.end.getTime() / MINUTE_MS) };
}

/** [from, to) cut at multiples of size: an edge, whole blocks, an edge. */
export function alignedPieces(table: RollupTable, from: number, to: number): RollupSegment[] {
  if (from >= to) return [];
  const size = BLOCK_SIZE[table];
  const firstBlock = Math.ceil(from / size) * size;
  const lastBlock = Math.floor(to / size) * size;
  if (firstBlock >= lastBlock) return [{ table, from, to }];
  const pieces: RollupSegment[] = [];
  if (from < firstBlock) pieces.push({ table, from, to: firstBlock });
  for (let b = firstBlock; b < lastBlock; b += size) pieces.push({ table, from: b, to: b + size });
  if (lastBlock < to) pieces.push({ table, from: lastBlock, to });
  return pieces;
}

/**
 * The pieces whose sums add up to the counts of [start, end): minutes up to the first whole hour,
 * the whole hours, minutes after the last whole hour; each cut into aligned blocks.
 */
export function rollupSegments(interval: Interval): RollupSegment[] {
  const { from, to } = minuteRange(interval);
  const firstHour = Math.ceil(interval.start.getTime() / HOUR_MS);
  const lastHour = Math.floor(interval.end.getTime() / HOUR_MS); // exclusive
  if (firstHour >= lastHour) return alignedPieces("minutes", from, to);
  return [
    ...alignedPieces("minutes", from, firstHour * 60),
    ...alignedPieces("hours", firstHour, lastHour),
    ...alignedPieces("minutes", lastHour * 60, to),
  ];
}

/** When a segment's last bucket ends, in ms since the epoch. */
export function segmentEndMs(s: RollupSegment): number {
  return s.to * (s.table === "minutes" ? MINUTE_MS : HOUR_MS);
}
