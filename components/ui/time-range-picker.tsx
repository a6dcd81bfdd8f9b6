"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import {
  RANGE_PRESET_NAMES,
  REFRESH_INTERVALS,
  REFRESH_INTERVAL_NAMES,
  type RangePreset,
  parseRefreshInterval,
  parseTimeRange,
  timeRangeSearchParams,
} from "@/lib/domain/time-range";

/** `YYYY-MM-DDTHH:mm` in UTC, what an <input type="datetime-local"> shows (we label it UTC). */
const toInput = (d: Date) => d.toISOString().slice(0, 16);
const fromInput = (s: string) => new Date(`${s}:00Z`);

/**
 * The range and refresh live in the URL, so a copied link shows the same view and the browser's
 * back and forward buttons step through the ranges a user chose. Each change pushes a history
 * entry; the server component re-renders for the new search params.
 */
export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const set = (changes: Record<string, string | null>, mode: "push" | "replace" = "push") => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    router[mode](query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return { params, set };
}

/** Re-renders the page (server data included) every interval while the tab is visible. */
export function useAutoRefresh(intervalMs: number) {
  const router = useRouter();
  useEffect(() => {
    if (intervalMs <= 0) return;
    const id = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, router]);
}

export function TimeRangePicker({ fallback = "24h" }: { fallback?: RangePreset }) {
  const { params, set } = useUrlState();
  // The picker shows what the URL says; "now" only matters for custom's initial inputs.
  const [now] = useState(() => new Date());
  const range = parseTimeRange({ range: params.get("range"), from: params.get("from"), to: params.get("to") }, now, fallback);
  const refresh = parseRefreshInterval(params.get("refresh"));
  const [custom, setCustom] = useState({ from: toInput(range.from), to: toInput(range.to) });
  const [error, setError] = useState<string | null>(null);
  useAutoRefresh(REFRESH_INTERVALS[refresh]);

  const applyCustom = () => {
    const from = fromInput(custom.from);
    const to = fromInput(custom.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) {
      setError("The end must be after the start.");
      return;
    }
    setError(null);
    set(timeRangeSearchParams({ preset: "custom", from, to }));
  };

  return (
    <div className="time-range" role="group" aria-label="Time range">
      <label>
        <span className="muted">Range</span>{" "}
        <select
          value={range.preset}
          onChange={(e) => {
            const value = e.target.value;
            if (value === "custom") set({ range: "custom", from: range.from.toISOString(), to: range.to.toISOString() });
            else set({ range: value, from: null, to: null });
          }}
        >
          {RANGE_PRESET_NAMES.map((p) => <option key={p} value={p}>Last {p}</option>)}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {range.preset === "custom" ? (
        <form className="time-range-custom" onSubmit={(e) => { e.preventDefault(); applyCustom(); }}>
          <label>From (UTC) <input type="datetime-local" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} /></label>
          <label>To (UTC) <input type="datetime-local" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} /></label>
          <button type="submit" className="button">Apply</button>
          {error ? <span role="alert" className="status" data-state="danger">{error}</span> : null}
        </form>
      ) : null}
      <label>
        <span className="muted">Refresh</span>{" "}
        <select value={refresh} onChange={(e) => set({ refresh: e.target.value === "off" ? null : e.target.value })}>
          {REFRESH_INTERVAL_NAMES.map((r) => <option key={r} value={r}>{r === "off" ? "Off" : `Every ${r}`}</option>)}
        </select>
      </label>
    </div>
  );
}
