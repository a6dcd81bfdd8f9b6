"use client";

import {
  CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from "recharts";
import { type Unit, formatValue } from "./units";

/** One line: `values[i]` belongs to `points[i].t`; null leaves a gap (no data), never a zero. */
export type ChartSeries = { key: string; label: string; color?: string; dashed?: boolean };
export type ChartPoint = { t: number } & Record<string, number | null>;
export type ChartThreshold = { value: number; label: string; color?: string };
/** A vertical marker (an event) or a shaded span (an incident, a maintenance window). */
export type ChartMarker = { t: number; label: string; color?: string; until?: number };

// Colour-blind-safe palette (Okabe–Ito), used in order; lines are also told apart by the legend.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

export type TimeSeriesChartProps = {
  title: string;
  points: ChartPoint[];
  series: ChartSeries[];
  /** How a value reads (axis, tooltip, text alternative). */
  unit?: Unit;
  thresholds?: ChartThreshold[];
  markers?: ChartMarker[];
  domain?: { from: number; to: number };
  yDomain?: [number | "auto", number | "auto"];
  height?: number;
};

function timeTick(from: number, to: number) {
  const span = to - from;
  return (t: number) => {
    const d = new Date(t);
    if (span <= 2 * 86_400_000) return d.toISOString().slice(11, 16);
    return d.toISOString().slice(5, 10);
  };
}

/**
 * A line chart over time with a tooltip, legend, thresholds and event markers; times in UTC.
 * The figure has a text alternative (title plus the last value of each line) for screen readers.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, points, series, thresholds = [], markers = [], height = 240 } = props;
  const format = (v: number) => formatValue(props.unit ?? "count", v);
  const from = props.domain?.from ?? points[0]?.t ?? 0;
  const to = props.domain?.to ?? points.at(-1)?.t ?? 1;
  const tick = timeTick(from, to);
  const last = series.map((s) => {
    const value = [...points].reverse().find((p) => p[s.key] !== null && p[s.key] !== undefined)?.[s.key];
    return `${s.label}: ${value === undefined || value === null ? "no data" : format(value)}`;
  });
  return (
    <figure className="chart" aria-label={`${title}. Latest: ${last.join("; ")}`}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} tickFormatter={tick} stroke="var(--text-muted)" />
          <YAxis tickFormatter={(v: number) => format(v)} stroke="var(--text-muted)" width={72} domain={props.yDomain ?? ["auto", "auto"]} />
          <Tooltip
            labelFormatter={(t) => `${new Date(Number(t)).toISOString().slice(0, 16).replace("T", " ")} UTC`}
            formatter={(v) => (typeof v === "number" ? format(v) : String(v))}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)" }}
          />
          <Legend />
          {markers.map((m, i) =>
            m.until !== undefined ? (
              <ReferenceArea key={`m${i}`} x1={m.t} x2={m.until} fill={m.color ?? "var(--warning)"} fillOpacity={0.12} label={{ value: m.label, position: "insideTopLeft", fill: "var(--text-muted)", fontSize: 11 }} />
            ) : (
              <ReferenceLine key={`m${i}`} x={m.t} stroke={m.color ?? "var(--text-muted)"} strokeDasharray="2 2" label={{ value: m.label, position: "insideTopLeft", fill: "var(--text-muted)", fontSize: 11 }} />
            ),
          )}
          {thresholds.map((th, i) => (
            <ReferenceLine key={`t${i}`} y={th.value} stroke={th.color ?? "var(--danger)"} strokeDasharray="6 3" label={{ value: th.label, position: "insideTopRight", fill: "var(--text-muted)", fontSize: 11 }} />
          ))}
          {series.map((s, i) => (
            <Line
              key={s.key} dataKey={s.key} name={s.label} stroke={s.color ?? PALETTE[i % PALETTE.length]}
              strokeDasharray={s.dashed ? "5 4" : undefined} dot={false} isAnimationActive={false} connectNulls={false} strokeWidth={2}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
