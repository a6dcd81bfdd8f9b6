"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

type Options = { services: string[]; teams: string[] };

/**
 * The list's filters as a GET form, so they live in the URL (a link shows the same list, back and
 * forward step through them). Selects apply at once; `/` anywhere on the page focuses the search.
 */
export function SloFilterBar({ services, teams }: Options) {
  const params = useSearchParams();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      e.preventDefault();
      search.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const apply = () => {
    const data = new FormData(form.current!);
    const next = new URLSearchParams();
    for (const [key, value] of data) if (typeof value === "string" && value.trim()) next.set(key, value.trim());
    // Keep the time range and refresh the rest of the app uses.
    for (const key of ["range", "from", "to", "refresh"]) {
      const v = params.get(key);
      if (v) next.set(key, v);
    }
    router.push(next.size ? `/slos?${next}` : "/slos", { scroll: false });
  };
  const select = (name: string, label: string, options: [string, string][]) => (
    <label>
      <span className="muted">{label}</span>{" "}
      <select name={name} defaultValue={params.get(name) ?? ""} onChange={apply}>
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </label>
  );
  return (
    <form ref={form} className="filter-bar time-range" role="search" aria-label="Filter SLOs" onSubmit={(e) => { e.preventDefault(); apply(); }}>
      <label>
        <span className="muted">Search</span>{" "}
        <input ref={search} id="slo-search" name="q" type="search" placeholder="name, service or label  ( / )" defaultValue={params.get("q") ?? ""} aria-keyshortcuts="/" />
      </label>
      {select("service", "Service", [["", "All"], ...services.map((s): [string, string] => [s, s])])}
      {select("team", "Team", [["", "All"], ...teams.map((t): [string, string] => [t, t])])}
      {select("status", "Status", [["", "All"], ["breached", "Breached"], ["warning", "Burning"], ["ok", "OK"], ["no-data", "No data"]])}
      <label>
        <span className="muted">Label</span>{" "}
        <input name="label" placeholder="tier=1" size={10} defaultValue={params.get("label") ?? ""} />
      </label>
      {select("sort", "Sort", [["urgency", "Least budget first"], ["burn", "Fastest burn first"], ["name", "Name"]])}
      <button type="submit" className="button">Apply</button>
    </form>
  );
}
