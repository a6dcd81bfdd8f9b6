// How chart values read. Charts take a unit name, not a function, so that server components can
// pass it to these client components (functions do not cross that boundary).
export const UNITS = ["count", "percent", "ratio", "seconds", "milliseconds", "bytes", "burn", "perSecond"] as const;
export type Unit = (typeof UNITS)[number];

function bytes(v: number): string {
  const abs = Math.abs(v);
  const [div, suffix] = abs >= 2 ** 30 ? [2 ** 30, "GiB"] : abs >= 2 ** 20 ? [2 ** 20, "MiB"] : abs >= 2 ** 10 ? [2 ** 10, "KiB"] : [1, "B"];
  return `${+(v / div).toFixed(div === 1 ? 0 : 1)} ${suffix}`;
}

function seconds(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 3600) return `${+(v / 3600).toFixed(1)} h`;
  if (abs >= 60) return `${+(v / 60).toFixed(1)} min`;
  if (abs >= 1 || v === 0) return `${+v.toFixed(2)} s`;
  return `${+(v * 1000).toFixed(1)} ms`;
}

export function formatValue(unit: Unit, v: number): string {
  switch (unit) {
    case "count": return Math.abs(v) >= 1e6 ? `${+(v / 1e6).toFixed(2)}M` : Math.abs(v) >= 1e4 ? `${+(v / 1e3).toFixed(1)}k` : `${+v.toFixed(2)}`;
    case "percent": return `${+(v * 100).toFixed(2)}%`; // values are fractions
    case "ratio": return `${+v.toFixed(4)}`;
    case "seconds": return seconds(v);
    case "milliseconds": return seconds(v / 1000);
    case "bytes": return bytes(v);
    case "burn": return `${+v.toFixed(2)}×`;
    case "perSecond": return `${+v.toFixed(2)}/s`;
  }
}
