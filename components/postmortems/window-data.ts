"use client";
import { useQuery } from "@tanstack/react-query";
import type { TimelineEntry } from "@/lib/domain/postmortem-timeline";
import type { BudgetSpent } from "@/lib/server/services/postmortem-figures";

type Window = { sloIds: string[]; from: string | null; to: string | null };

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const query = (w: Window) => new URLSearchParams({ slo: w.sloIds.join(","), from: w.from ?? "", to: w.to ?? "" }).toString();
const isValid = (w: Window) => w.from !== null && w.to !== null && w.from < w.to;

/** The budget each chosen SLO spent in the window, from GET /api/postmortems/budget. */
export function useWindowBudgets(w: Window) {
  return useQuery({
    queryKey: ["postmortem-budget", w],
    queryFn: () => getJson<{ budgets: BudgetSpent[] }>(`/api/postmortems/budget?${query(w)}`).then((r) => r.budgets),
    enabled: isValid(w) && w.sloIds.length > 0,
  });
}

/** What was recorded in the window, from GET /api/postmortems/timeline. */
export function useWindowEvents(w: Window) {
  return useQuery({
    queryKey: ["postmortem-timeline", w],
    queryFn: () => getJson<{ entries: TimelineEntry[] }>(`/api/postmortems/timeline?${query(w)}`).then((r) => r.entries),
    enabled: isValid(w),
  });
}
