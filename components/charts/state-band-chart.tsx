// A band of states over time (a breaker's closed, open, half-open): one row of coloured spans on
// the same time axis as TimeSeriesChart (same left and right margins), so charts stacked below
// line up with it. Plain SVG and plain-array props, so a server component can render it.

export type BandState = { key: string; label: string; color: string; icon: string };
export type BandSegment = { from: number; to: number; state: string };

export type StateBandChartProps = {
  title: string;
  segments: BandSegment[];
  states: BandState[];
  domain: { from: number; to: number };
  height?: number;
};

// TimeSeriesChart's plot area starts after its margin (8) and Y axis (72) and ends 16 px early.
const LEFT = 80;
const RIGHT = 16;

const utc = (t: number, span: number) => {
  const iso = new Date(t).toISOString();
  return span <= 2 * 86_400_000 ? iso.slice(11, 16) : iso.slice(5, 10);
};

export function StateBandChart({ title, segments, states, domain, height = 36 }: StateBandChartProps) {
  const span = Math.max(1, domain.to - domain.from);
  const x = (t: number) => ((Math.min(Math.max(t, domain.from), domain.to) - domain.from) / span) * 100;
  const byKey = new Map(states.map((s) => [s.key, s]));
  const ticks = Array.from({ length: 6 }, (_, i) => domain.from + (span * i) / 5);
  const summary = segments.map((s) => `${byKey.get(s.state)?.label ?? s.state} from ${new Date(s.from).toISOString()} to ${new Date(s.to).toISOString()}`).join("; ");
  return (
    <figure className="chart state-band" aria-label={`${title}: ${summary || "no data"}`}>
      <figcaption>{title}</figcaption>
      <div style={{ paddingLeft: LEFT, paddingRight: RIGHT }}>
        <svg width="100%" height={height} role="img" aria-hidden="true" className="state-band-svg">
          {segments.map((s, i) => {
            const look = byKey.get(s.state);
            const left = x(s.from);
            const width = Math.max(0.15, x(s.to) - left);
            return (
              <g key={i}>
                <rect x={`${left}%`} y={0} width={`${width}%`} height={height} fill={look?.color ?? "var(--surface-2)"} data-state={s.state}>
                  <title>{`${look?.label ?? s.state}: ${new Date(s.from).toISOString()} – ${new Date(s.to).toISOString()}`}</title>
                </rect>
                {width > 8 ? (
                  <text x={`${left + width / 2}%`} y={height / 2 + 4} textAnchor="middle" className="state-band-label" data-state={s.state}>
                    {look ? `${look.icon} ${look.label}` : s.state}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
        <div className="state-band-axis" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t} style={{ left: `${x(t)}%` }}>{utc(t, span)}</span>
          ))}
        </div>
      </div>
      <ul className="state-band-legend">
        {states.map((s) => (
          <li key={s.key}>
            <span className="state-band-swatch" style={{ background: s.color }} aria-hidden="true" /> {s.icon} {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
