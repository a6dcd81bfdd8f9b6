import type { CounterSample } from "@/lib/domain/counter-increase";

// The IngestLog payload: float64s, because every figure a sample carries is one, and a typed array
// is written and read back without parsing (JSON of the same batch costs more than its SQL).
// Per series: [id, n, kind], then n samples: kind 0 (the common case) as [t, v];
// kind 1 as [t, v, start or NaN, flags], for samples with a start time, delta temporality or the
// stale flag. Whole samples are logged, dropped ones included, and replay rolls them up again:
// rollupSeries is deterministic, so replay drops exactly what the acknowledgement dropped.

export type LoggedSeries = { id: number; samples: readonly CounterSample[] };

const IS_DELTA = 1;
const IS_STALE = 2;

const isPlain = (s: CounterSample) => s.start === undefined && s.temporality !== "delta" && !s.isStale;

/** Series `ids[i]` with samples `samples[i]`. */
export function encodeLogPayload(ids: readonly number[], samples: readonly (readonly CounterSample[])[]): Buffer {
  let length = 0;
  const kinds = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    kinds[i] = samples[i]!.every(isPlain) ? 0 : 1;
    length += 3 + samples[i]!.length * (kinds[i] === 0 ? 2 : 4);
  }
  const out = new Float64Array(length);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const kind = kinds[i]!;
    const series = samples[i]!;
    out[at++] = ids[i]!;
    out[at++] = series.length;
    out[at++] = kind;
    for (const s of series) {
      out[at++] = s.t;
      out[at++] = s.v;
      if (kind === 0) continue;
      out[at++] = s.start ?? Number.NaN;
      out[at++] = (s.temporality === "delta" ? IS_DELTA : 0) | (s.isStale ? IS_STALE : 0);
    }
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

export function decodeLogPayload(payload: Uint8Array): LoggedSeries[] {
  // A Float64Array view needs 8-byte alignment; a buffer handed back by the driver may lack it.
  const bytes = payload.byteOffset % 8 === 0 ? payload : Uint8Array.prototype.slice.call(payload);
  const data = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  const out: LoggedSeries[] = [];
  let at = 0;
  while (at < data.length) {
    const id = data[at++]!;
    const n = data[at++]!;
    const kind = data[at++]!;
    const samples: CounterSample[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const t = data[at++]!;
      const v = data[at++]!;
      if (kind === 0) {
        samples[i] = { t, v };
        continue;
      }
      const start = data[at++]!;
      const flags = data[at++]!;
      const sample: CounterSample = { t, v };
      if (!Number.isNaN(start)) sample.start = start;
      if (flags & IS_DELTA) sample.temporality = "delta";
      if (flags & IS_STALE) sample.isStale = true;
      samples[i] = sample;
    }
    out.push({ id, samples });
  }
  return out;
}
