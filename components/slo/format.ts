// Number formatting shared by the SLO views: fractions as percentages with enough digits to
// tell 99.9% from 99.95%, and durations as people say them.

export function percent(fraction: number | null, digits = 2): string {
  if (fraction === null) return "no data";
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function duration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${(hours / 24).toFixed(1)} d`;
}

export function burn(rate: number): string {
  return rate === 0 ? "0" : rate < 10 ? rate.toFixed(2) : rate.toFixed(1);
}

const COUNT_FORMAT = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** Event counts as people read them: 103,670,796; an allowance can be fractional: 14.4. */
export function count(n: number): string {
  return COUNT_FORMAT.format(n);
}
