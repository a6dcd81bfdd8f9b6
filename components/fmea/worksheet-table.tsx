"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { FailureModeView, WorksheetView } from "@/lib/schemas/fmea";
import { ApBadge } from "./ap-badge";
import { useCanWrite } from "@/components/auth/viewer-context";
import { type ApiIssue, apiWrite } from "./api-write";
import { EvidenceCell } from "./evidence-cell";
import { bodyOf, RowForm, valuesOf, type FormValues } from "./row-form";

const COLUMNS = ["", "AP", "RPN", "Failure mode (item: effect)", "S", "O", "D", "Cause and controls", "Action", "Revised S/O/D", "Evidence (90 d)"];

type Status = { issues: ApiIssue[]; message: string | null; busy: boolean };
const IDLE: Status = { issues: [], message: null, busy: false };

/**
 * The worksheet, riskiest first (AP, then RPN). Each row opens in place as a form with its Edit
 * button; saving or Escape puts focus back on that button, so the table is usable by keyboard alone.
 */
export function WorksheetTable({ sheet, teamRefusal = null }: { sheet: WorksheetView; teamRefusal?: string | null }) {
  const router = useRouter();
  // An editor of another team sees the rows without Edit buttons (the page says why above them).
  const canWrite = useCanWrite() && teamRefusal === null;
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(IDLE);
  const refocus = useRef<string | null>(null);

  useEffect(() => {
    if (editing === null && refocus.current) {
      document.querySelector<HTMLButtonElement>(`[data-edit="${refocus.current}"]`)?.focus();
      refocus.current = null;
    }
  });

  const close = (id: string) => {
    refocus.current = id;
    setEditing(null);
    setStatus(IDLE);
  };
  const save = async (mode: FailureModeView, values: FormValues) => {
    setStatus({ ...IDLE, busy: true });
    const res = await apiWrite(`/api/fmea/modes/${mode.id}`, { method: "PATCH", json: bodyOf(values) });
    if (!res.ok) return setStatus({ issues: res.issues, message: res.message, busy: false });
    close(mode.id);
    router.refresh();
  };
  const remove = async (mode: FailureModeView) => {
    if (!window.confirm(`Delete "${mode.mode}"?`)) return;
    const res = await apiWrite(`/api/fmea/modes/${mode.id}`, { method: "DELETE" });
    if (!res.ok) return setStatus({ issues: [], message: res.message, busy: false });
    setEditing(null);
    router.refresh();
  };
  return (
    <div className="table-scroll" role="region" aria-label="Worksheet" tabIndex={0}>
      <table className="data fmea-table">
        <caption className="muted">{sheet.modes.length} failure modes, highest action priority first, then RPN</caption>
        <thead>
          <tr>{COLUMNS.map((c, i) => <th key={i} scope="col">{c || <span className="visually-hidden">Edit</span>}</th>)}</tr>
        </thead>
        <tbody>
          {sheet.modes.map((m) =>
            editing === m.id ? (
              <tr key={m.id} className="editing">
                <td colSpan={COLUMNS.length}>
                  <RowForm
                    id={`edit-${m.id}`}
                    initial={valuesOf(m)}
                    submitLabel={`Save ${m.mode}`}
                    {...status}
                    onSubmit={(v) => save(m, v)}
                    onCancel={() => close(m.id)}
                    onDelete={() => remove(m)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={m.id}>
                <td>
                  {canWrite ? (
                    <button type="button" className="button" data-edit={m.id} aria-label={`Edit ${m.mode}`} onClick={() => { setStatus(IDLE); setEditing(m.id); }}>
                      Edit
                    </button>
                  ) : null}
                </td>
                <td><ApBadge ap={m.score.ap} /></td>
                <td className="num">{m.score.rpn}</td>
                <th scope="row">{m.mode}<div className="muted">{m.item}: {m.effect}</div></th>
                <td className="num">{m.severity}</td>
                <td className="num">{m.occurrence}</td>
                <td className="num">{m.detection}</td>
                <td>
                  {m.cause ? <div>{m.cause}</div> : null}
                  {m.prevention ? <div><span className="muted">Prevent:</span> {m.prevention}</div> : null}
                  {m.detectionControl ? <div><span className="muted">Detect:</span> {m.detectionControl}</div> : null}
                </td>
                <td>
                  {m.action}
                  {m.owner || m.targetDate ? <div className="muted">{[m.owner, m.targetDate].filter(Boolean).join(" · by ")}</div> : null}
                  {m.actionTaken ? <div><span className="muted">Done:</span> {m.actionTaken}</div> : null}
                </td>
                <td>
                  {m.revisedScore ? (
                    <>{m.revisedSeverity}/{m.revisedOccurrence}/{m.revisedDetection} <ApBadge ap={m.revisedScore.ap} /> <span className="muted">RPN {m.revisedScore.rpn}</span></>
                  ) : <span className="muted">not yet</span>}
                </td>
                <td><EvidenceCell mode={m} /></td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
