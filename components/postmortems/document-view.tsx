import type { ReactNode } from "react";
import { isOverdue, POSTMORTEM_SECTIONS } from "@/lib/domain/postmortem";
import { formatDuration } from "@/lib/domain/postmortem-markdown";
import type { PostmortemWithFigures } from "@/lib/server/services/postmortem-export";
import { BudgetTable } from "./budget-table";
import { FrozenFigures } from "./frozen-figures";
import { utc } from "./format";
import { Markdown } from "./markdown";
import { PostmortemStatusBadge } from "./status-badge";

type Props = {
  postmortem: PostmortemWithFigures;
  now: Date;
  /** Rendered under each section (reviewers' comments on the page; nothing when printed). */
  aside?: (section: string) => ReactNode;
};

/** The postmortem as read: facts, figures, sections, timeline and action items. */
export function DocumentView({ postmortem: p, now, aside = () => null }: Props) {
  const d = p.document;
  return (
    <article className="pm-doc">
      <section className="card" aria-label="Facts">
        <dl className="facts pm-facts">
          <dt>Status</dt><dd><PostmortemStatusBadge status={p.status} /> · version {p.version}</dd>
          <dt>Severity</dt><dd>{d.severity}</dd>
          <dt>Impact started</dt><dd>{utc(d.startedAt)}</dd>
          <dt>Detected</dt><dd>{utc(d.detectedAt)} <span className="muted">(time to detect {formatDuration(p.durations.ttdMs)})</span></dd>
          <dt>Mitigated</dt><dd>{utc(d.mitigatedAt)} <span className="muted">(time to mitigate {formatDuration(p.durations.ttmMs)})</span></dd>
          <dt>Resolved</dt><dd>{utc(d.resolvedAt)} <span className="muted">(time to resolve {formatDuration(p.durations.ttrMs)})</span></dd>
          <dt>Authors</dt><dd>{d.authors.join(", ") || "—"}</dd>
          <dt>SLOs</dt><dd>{p.slos.map((s) => `${s.name} (${s.service})`).join(", ") || "—"}</dd>
          <dt>Tags</dt><dd>{d.tags.join(", ") || "—"}</dd>
        </dl>
      </section>
      <section aria-label="Error budget spent">
        {p.frozen ? <FrozenFigures postmortem={{ ...p, frozen: p.frozen }} /> : <BudgetTable budgets={p.budgets} />}
        <p className="muted pm-hint">{p.frozen ? "Now: window" : "Window"} {utc(p.window.start)} to {utc(p.window.end)}; share = bad events in the window ÷ (1 − objective) × valid events of the SLO period ending with it.</p>
      </section>
      {POSTMORTEM_SECTIONS.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`} className="pm-section">
          <h2 id={`section-${s.key}`}>{s.label}</h2>
          <Markdown text={d.sections[s.key]} />
          {aside(s.key)}
          {s.key === "resolution" ? (
            <section aria-labelledby="section-timeline" className="pm-section">
              <h2 id="section-timeline">Timeline</h2>
              {d.timeline.length === 0 ? <p className="muted">No entries.</p> : (
                <ol className="pm-timeline-view">
                  {d.timeline.map((e) => (
                    <li key={e.id}>
                      <time dateTime={e.at}>{utc(e.at)}</time> {e.text}{" "}
                      <span className="muted">{e.source ? `· recorded ${e.source.kind} event` : "· written by hand"}</span>
                    </li>
                  ))}
                </ol>
              )}
              {aside("timeline")}
            </section>
          ) : null}
        </section>
      ))}
      <section aria-labelledby="section-actions" className="pm-section">
        <h2 id="section-actions">Action items</h2>
        {d.actionItems.length === 0 ? (
          <p className="muted">{d.noActionItems ? "None needed, as the authors state." : "None yet."}</p>
        ) : (
          <table className="data">
            <thead><tr><th scope="col">Action</th><th scope="col">Type</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Ticket</th></tr></thead>
            <tbody>
              {d.actionItems.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>{a.type}</td>
                  <td>{a.owner}</td>
                  <td>{a.dueDate.slice(0, 10)}{isOverdue({ dueDate: new Date(a.dueDate), status: a.status }, now) ? <> · <span className="status" data-state="danger"><span aria-hidden="true">✖</span> overdue</span></> : null}</td>
                  <td>{a.status}</td>
                  <td>{a.ticketUrl ? <a href={a.ticketUrl} rel="noreferrer noopener">ticket</a> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {aside("actionItems")}
      </section>
    </article>
  );
}
