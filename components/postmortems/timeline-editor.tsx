"use client";
import type { TimelineEntry } from "@/lib/domain/postmortem-timeline";
import { fromInput, toInput, utc } from "./format";

type Props = {
  entries: TimelineEntry[];
  suggestions: TimelineEntry[];
  onChange: (entries: TimelineEntry[]) => void;
  onDismiss: (id: string) => void;
  /** False until the window has an end: nothing can be looked up before. */
  hasWindow: boolean;
  error?: string;
};

const sourceLabel = (e: TimelineEntry) => (e.source ? `recorded ${e.source.kind} event` : "written by hand");

/** Accepted entries (editable, removable) and the recorded events offered for acceptance. */
export function TimelineEditor({ entries, suggestions, onChange, onDismiss, hasWindow, error }: Props) {
  const update = (id: string, change: Partial<TimelineEntry>) => onChange(entries.map((e) => (e.id === id ? { ...e, ...change } : e)));
  const add = () => onChange([...entries, { id: `hand-${Date.now()}`, at: entries.at(-1)?.at ?? new Date().toISOString(), text: "", source: null }]);
  return (
    <fieldset className="pm-fieldset">
      <legend>Timeline</legend>
      {error ? <p className="pm-error"><span aria-hidden="true">✖</span> {error}</p> : null}
      {entries.length === 0 ? <p className="muted">No entries yet: accept recorded events below, or add one by hand.</p> : null}
      <ol className="pm-timeline">
        {entries.map((e, i) => (
          <li key={e.id}>
            <input aria-label={`Entry ${i + 1} time (UTC)`} type="datetime-local" value={toInput(e.at)} onChange={(ev) => update(e.id, { at: fromInput(ev.target.value) ?? e.at })} />
            <input aria-label={`Entry ${i + 1} text`} className="pm-grow" value={e.text} onChange={(ev) => update(e.id, { text: ev.target.value })} />
            <span className="muted pm-source" title={e.source ? `event ${e.source.eventId}` : undefined}>{sourceLabel(e)}</span>
            <button type="button" className="button pm-small" onClick={() => onChange(entries.filter((x) => x.id !== e.id))}>Remove <span className="pm-sr">entry {i + 1}</span></button>
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={add}>Add an entry</button>
      <h3 className="pm-subhead">Recorded in the window</h3>
      {!hasWindow ? (
        <p className="muted">Set when impact started and when it was mitigated or resolved to see what was recorded in that window.</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">Nothing else was recorded in this window for the chosen SLOs (alert transitions, breaker, replication and failover events).</p>
      ) : (
        <ul className="pm-suggestions" aria-label="Recorded events to accept">
          {suggestions.map((s) => (
            <li key={s.id}>
              <span>{utc(s.at)}</span> <span className="pm-grow">{s.text}</span> <span className="muted">{s.source?.kind}</span>
              <button type="button" className="button pm-small" onClick={() => onChange([...entries, { ...s }].sort((a, b) => a.at.localeCompare(b.at)))}>Accept <span className="pm-sr">{s.text}</span></button>
              <button type="button" className="button pm-small" onClick={() => onDismiss(s.id)}>Dismiss <span className="pm-sr">{s.text}</span></button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
