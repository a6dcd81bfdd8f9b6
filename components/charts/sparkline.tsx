/**
 * A small inline trend line (no axes), server-rendered SVG from plain numbers. The label says what
 * it shows in words, for screen readers and for anyone who cannot read the shape.
 */
type Props = { values: number[]; label: string; width?: number; height?: number; domain?: [number, number]; baseline?: number };

/** `domain` fixes the scale (values outside widen it), so lines in a list compare; `baseline` draws a faint line at that value. */
export function Sparkline({ values, label, width = 96, height = 24, domain, baseline }: Props) {
  if (values.length < 2) return <span className="muted" aria-label={label}>—</span>;
  const max = Math.max(domain?.[1] ?? -Infinity, ...values);
  const min = Math.min(domain?.[0] ?? 0, ...values);
  const span = max - min || 1;
  const step = width / (values.length - 1);
  const y = (v: number) => (height - 2 - ((v - min) / span) * (height - 4)).toFixed(1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v)}`).join(" ");
  return (
    <svg className="sparkline" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      {baseline !== undefined ? <line x1="0" x2={width} y1={y(baseline)} y2={y(baseline)} stroke="currentColor" strokeOpacity="0.3" strokeDasharray="2 2" /> : null}
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
