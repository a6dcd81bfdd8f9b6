/** Times are shown and typed in UTC, like the time-range picker: `YYYY-MM-DD HH:mm UTC`. */
export const utc = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
/** `YYYY-MM-DDTHH:mm` in UTC, what an <input type="datetime-local"> holds (labelled UTC). */
export const toInput = (iso: string | null) => (iso ? iso.slice(0, 16) : "");
export const fromInput = (value: string) => (value ? new Date(`${value}:00Z`).toISOString() : null);
export const percent1 = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);
export const count = (x: number | null | undefined) => (x === null || x === undefined ? "—" : Math.round(x).toLocaleString("en"));

export const STATUS_LOOK: Record<string, { icon: string; label: string; state: string }> = {
  draft: { icon: "✎", label: "Draft", state: "muted" },
  "in-review": { icon: "◔", label: "In review", state: "warning" },
  published: { icon: "✔", label: "Published", state: "ok" },
};
