"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { defaultDueDate, incidentDurations, POSTMORTEM_SECTIONS, SEVERITIES, type Sections, type Severity } from "@/lib/domain/postmortem";
import { formatDuration } from "@/lib/domain/postmortem-markdown";
import type { TimelineEntry } from "@/lib/domain/postmortem-timeline";
import type { PostmortemDocument } from "@/lib/schemas/postmortem";
import { savePostmortemAction } from "@/app/(dashboard)/postmortems/actions";
import { ActionItemsEditor, type ActionItemDraft } from "./action-items-editor";
import { BudgetTable } from "./budget-table";
import { fromInput, toInput } from "./format";
import { MarkdownField } from "./markdown-field";
import { TimelineEditor } from "./timeline-editor";
import { useAuthor } from "./use-author";
import { useWindowBudgets, useWindowEvents } from "./window-data";

type SloOption = { id: string; name: string; service: string };
type Props = { id: string | null; initial: PostmortemDocument; slos: SloOption[] };

const TIMES = [["startedAt", "Impact started"], ["detectedAt", "Detected"], ["mitigatedAt", "Mitigated"], ["resolvedAt", "Resolved"]] as const;
const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** The postmortem form: the template, the figures for the chosen window, timeline and actions. */
export function PostmortemEditor({ id, initial, slos }: Props) {
  const router = useRouter();
  const [author, setAuthor] = useAuthor();
  const [title, setTitle] = useState(initial.title);
  const [severity, setSeverity] = useState<Severity>(initial.severity);
  const [times, setTimes] = useState(() => Object.fromEntries(TIMES.map(([k]) => [k, toInput(initial[k])])) as Record<(typeof TIMES)[number][0], string>);
  const [authors, setAuthors] = useState(initial.authors.join(", "));
  const [tags, setTags] = useState(initial.tags.join(", "));
  const [sloIds, setSloIds] = useState(initial.sloIds);
  const [sections, setSections] = useState<Sections>(initial.sections);
  const [timeline, setTimeline] = useState<TimelineEntry[]>(initial.timeline);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [items, setItems] = useState<ActionItemDraft[]>(initial.actionItems.map((a) => ({ ...a, dueDate: a.dueDate.slice(0, 10), ticketUrl: a.ticketUrl ?? "" })));
  const [noActionItems, setNoActionItems] = useState(initial.noActionItems);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  const iso = Object.fromEntries(TIMES.map(([k]) => [k, fromInput(times[k])])) as Record<(typeof TIMES)[number][0], string | null>;
  const windowEnd = iso.resolvedAt ?? iso.mitigatedAt;
  const window = { sloIds, from: iso.startedAt, to: windowEnd };
  const budgets = useWindowBudgets(window);
  // Alerts resolve, and breakers close, a little after impact ends: look 30 minutes either side.
  const pad = (t: string | null, minutes: number) => (t ? new Date(Date.parse(t) + minutes * 60_000).toISOString() : null);
  const events = useWindowEvents({ sloIds, from: pad(iso.startedAt, -30), to: pad(windowEnd, 30) });
  const taken = new Set(timeline.flatMap((e) => (e.source ? [e.source.eventId] : [])));
  const suggestions = (events.data ?? []).filter((e) => !taken.has(e.source!.eventId) && !dismissed.includes(e.id));
  const names = useMemo(() => [...list(authors), ...items.map((a) => a.owner)], [authors, items]);
  const date = (s: string | null) => (s ? new Date(s) : null);
  const durations = iso.startedAt ? incidentDurations({ startedAt: new Date(iso.startedAt), detectedAt: date(iso.detectedAt), mitigatedAt: date(iso.mitigatedAt), resolvedAt: date(iso.resolvedAt) }) : null;
  const defaultDue = iso.startedAt ? defaultDueDate(severity, new Date(iso.startedAt)).toISOString().slice(0, 10) : "set the start time";

  async function save() {
    setSaving(true);
    const payload = {
      author, title, severity, ...iso, authors: list(authors), tags: list(tags), sloIds, sections, timeline, noActionItems,
      actionItems: items.map((a) => ({ ...(a.id ? { id: a.id } : {}), title: a.title, type: a.type, owner: a.owner, status: a.status, ticketUrl: a.ticketUrl || null, ...(a.dueDate ? { dueDate: `${a.dueDate}T00:00:00Z` } : {}) })),
    };
    const result = await savePostmortemAction(id, payload).finally(() => setSaving(false));
    if (result.ok) {
      router.push(`/postmortems/${result.id}`);
      return;
    }
    setErrors(Object.fromEntries(result.issues.map((i) => [i.path.join("."), i.message])));
    setMessage(result.issues.length > 0 ? `Not saved: ${result.issues.length} field${result.issues.length === 1 ? "" : "s"} need attention.` : `Not saved: ${result.message}`);
  }

  const field = (key: string) => (errors[key] ? { "aria-invalid": true, "aria-describedby": `err-${key}` } : {});
  const fieldError = (key: string) => (errors[key] ? <p className="pm-error" id={`err-${key}`}><span aria-hidden="true">✖</span> {errors[key]}</p> : null);

  return (
    <form className="pm-editor" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      {message ? <div className="banner" role="alert">{message}</div> : null}
      <div className="pm-row">
        <label className="pm-grow">Your name<input value={author} onChange={(e) => setAuthor(e.target.value)} {...field("author")} /></label>
        <label className="pm-grow">Authors (comma-separated)<input value={authors} onChange={(e) => setAuthors(e.target.value)} {...field("authors")} /></label>
      </div>
      {fieldError("author")}
      <label>Title<input value={title} onChange={(e) => setTitle(e.target.value)} {...field("title")} /></label>
      {fieldError("title")}
      <div className="pm-row">
        <label>Severity
          <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>{SEVERITIES.map((s) => <option key={s}>{s}</option>)}</select>
        </label>
        {TIMES.map(([key, label]) => (
          <label key={key}>{label} (UTC)<input type="datetime-local" value={times[key]} onChange={(e) => setTimes({ ...times, [key]: e.target.value })} {...field(key)} /></label>
        ))}
      </div>
      {TIMES.some(([key]) => errors[key]) ? <div>{TIMES.map(([key]) => <div key={key}>{fieldError(key)}</div>)}</div> : null}
      <label>Tags (comma-separated)<input value={tags} onChange={(e) => setTags(e.target.value)} {...field("tags")} /></label>
      {Object.keys(errors).filter((k) => k.startsWith("tags.")).map((k) => fieldError(k))}

      <fieldset className="pm-fieldset">
        <legend>Affected SLOs</legend>
        {slos.length === 0 ? <p className="muted">No SLOs defined yet.</p> : null}
        <div className="pm-slos">
          {slos.map((s) => (
            <label key={s.id} className="pm-check">
              <input type="checkbox" checked={sloIds.includes(s.id)} onChange={(e) => setSloIds(e.target.checked ? [...sloIds, s.id] : sloIds.filter((x) => x !== s.id))} />
              {s.name} <span className="muted">· {s.service}</span>
            </label>
          ))}
        </div>
        {Object.keys(errors).filter((k) => k.startsWith("sloIds")).map((k) => fieldError(k))}
      </fieldset>

      <section className="card pm-figures" aria-label="Figures for the incident window">
        <dl className="facts">
          <dt>Time to detect</dt><dd>{formatDuration(durations?.ttdMs ?? null)}</dd>
          <dt>Time to mitigate</dt><dd>{formatDuration(durations?.ttmMs ?? null)}</dd>
          <dt>Time to resolve</dt><dd>{formatDuration(durations?.ttrMs ?? null)}</dd>
        </dl>
        {!windowEnd ? <p className="muted">Set when it was mitigated or resolved to compute the budget spent.</p> : budgets.isError ? <p className="pm-error">Could not compute the budget: {String(budgets.error)}</p> : <BudgetTable budgets={sloIds.length === 0 ? [] : (budgets.data ?? [])} />}
      </section>

      {POSTMORTEM_SECTIONS.map((s) => (
        <MarkdownField key={s.key} label={s.label} hint={s.hint} value={sections[s.key]} names={names} error={errors[`sections.${s.key}`]} onChange={(v) => setSections({ ...sections, [s.key]: v })} rows={s.key === "summary" ? 3 : 4} />
      ))}

      <TimelineEditor entries={timeline} suggestions={windowEnd ? suggestions : []} hasWindow={Boolean(iso.startedAt && windowEnd)} onChange={setTimeline} onDismiss={(x) => setDismissed([...dismissed, x])} error={errors.timeline} />
      <ActionItemsEditor items={items} onChange={setItems} noActionItems={noActionItems} onNoActionItems={setNoActionItems} defaultDue={defaultDue} errors={errors} />

      <div className="pm-row">
        <button type="submit" className="button pm-primary" disabled={isSaving}>{isSaving ? "Saving…" : id ? "Save a new version" : "Save draft"}</button>
      </div>
    </form>
  );
}
