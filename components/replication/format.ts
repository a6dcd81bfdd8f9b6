import { formatValue } from "@/components/charts/units";

export const lagSeconds = (v: number | null) => (v === null ? "—" : formatValue("seconds", v));
export const lagBytes = (v: number | null) => (v === null ? "—" : formatValue("bytes", v));
/** "2026-11-23 14:05 UTC" */
export const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never");
