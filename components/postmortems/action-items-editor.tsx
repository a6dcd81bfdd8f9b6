"use client";
import { ACTION_STATUSES, ACTION_TYPES } from "@/lib/domain/postmortem";

export type ActionItemDraft = { id?: string; title: string; type: (typeof ACTION_TYPES)[number]; owner: string; dueDate: string; status: (typeof ACTION_STATUSES)[number]; ticketUrl: string };

type Props = {
  items: ActionItemDraft[];
  onChange: (items: ActionItemDraft[]) => void;
  noActionItems: boolean;
  onNoActionItems: (value: boolean) => void;
  defaultDue: string;
  errors: Record<string, string>;
};

/** Action items: what, which kind, who, by when (empty: the severity's default), and a ticket. */
export function ActionItemsEditor({ items, onChange, noActionItems, onNoActionItems, defaultDue, errors }: Props) {
  const update = (i: number, change: Partial<ActionItemDraft>) => onChange(items.map((a, j) => (j === i ? { ...a, ...change } : a)));
  const err = (i: number, field: string) => errors[`actionItems.${i}.${field}`];
  return (
    <fieldset className="pm-fieldset">
      <legend>Action items</legend>
      {errors.actionItems ? <p className="pm-error"><span aria-hidden="true">✖</span> {errors.actionItems}</p> : null}
      {items.map((a, i) => (
        <div key={a.id ?? `new-${i}`} className="pm-action" role="group" aria-label={`Action item ${i + 1}`}>
          <label>What<input value={a.title} onChange={(e) => update(i, { title: e.target.value })} aria-invalid={err(i, "title") ? true : undefined} /></label>
          <label>Type
            <select value={a.type} onChange={(e) => update(i, { type: e.target.value as ActionItemDraft["type"] })}>
              {ACTION_TYPES.map((t) => <option key={t}>{t}</option>)}
            </select>
          </label>
          <label>Owner<input value={a.owner} onChange={(e) => update(i, { owner: e.target.value })} aria-invalid={err(i, "owner") ? true : undefined} /></label>
          <label>Due<input type="date" value={a.dueDate} placeholder={defaultDue} onChange={(e) => update(i, { dueDate: e.target.value })} /></label>
          <label>Status
            <select value={a.status} onChange={(e) => update(i, { status: e.target.value as ActionItemDraft["status"] })}>
              {ACTION_STATUSES.map((s) => <option key={s}>{s}</option>)}
            </select>
          </label>
          <label>Ticket link<input type="url" value={a.ticketUrl} onChange={(e) => update(i, { ticketUrl: e.target.value })} aria-invalid={err(i, "ticketUrl") ? true : undefined} /></label>
          <button type="button" className="button pm-small" onClick={() => onChange(items.filter((_, j) => j !== i))}>Remove <span className="pm-sr">action item {i + 1}</span></button>
          {["title", "owner", "ticketUrl", "type"].map((f) => (err(i, f) ? <p key={f} className="pm-error"><span aria-hidden="true">✖</span> {f}: {err(i, f)}</p> : null))}
        </div>
      ))}
      <p className="muted">Leave the due date empty for the default: {defaultDue} for this severity.</p>
      <button type="button" className="button" onClick={() => onChange([...items, { title: "", type: "prevent", owner: "", dueDate: "", status: "open", ticketUrl: "" }])}>Add an action item</button>
      <label className="pm-check">
        <input type="checkbox" checked={noActionItems} onChange={(e) => onNoActionItems(e.target.checked)} /> No action items are needed (publishing needs this or at least one item)
      </label>
    </fieldset>
  );
}
