"use client";

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { DETECTION_SCALE, OCCURRENCE_SCALE, SEVERITY_SCALE, scaleMeaning, type ScaleEntry } from "@/lib/domain/fmea";
import type { FailureModeView } from "@/lib/schemas/fmea";
import type { ApiIssue } from "./api-write";

type Field = { name: string; label: string; kind: "text" | "rating" | "date"; scale?: readonly ScaleEntry[]; wide?: boolean };

/** The worksheet's columns as form fields, grouped the way the handbook's form reads. */
const GROUPS: { legend: string; fields: Field[] }[] = [
  {
    legend: "Failure",
    fields: [
      { name: "item", label: "Item / function", kind: "text" },
      { name: "mode", label: "Failure mode", kind: "text" },
      { name: "effect", label: "Effect", kind: "text", wide: true },
      { name: "severity", label: "Severity (S)", kind: "rating", scale: SEVERITY_SCALE },
    ],
  },
  {
    legend: "Cause and controls",
    fields: [
      { name: "cause", label: "Cause", kind: "text", wide: true },
      { name: "prevention", label: "Prevention control", kind: "text" },
      { name: "occurrence", label: "Occurrence (O)", kind: "rating", scale: OCCURRENCE_SCALE },
      { name: "detectionControl", label: "Detection control", kind: "text" },
      { name: "detection", label: "Detection (D)", kind: "rating", scale: DETECTION_SCALE },
    ],
  },
  {
    legend: "Action",
    fields: [
      { name: "action", label: "Recommended action", kind: "text", wide: true },
      { name: "owner", label: "Owner", kind: "text" },
      { name: "targetDate", label: "Target date", kind: "date" },
      { name: "actionTaken", label: "Action taken", kind: "text", wide: true },
      { name: "revisedSeverity", label: "Revised S", kind: "rating", scale: SEVERITY_SCALE },
      { name: "revisedOccurrence", label: "Revised O", kind: "rating", scale: OCCURRENCE_SCALE },
      { name: "revisedDetection", label: "Revised D", kind: "rating", scale: DETECTION_SCALE },
    ],
  },
  { legend: "Evidence links", fields: [{ name: "links", label: "Links (kind:ref, space-separated: slo:<id> breaker:<service/dependency/name> cluster:<id> postmortem:<id>)", kind: "text", wide: true }] },
];
const FIELDS = GROUPS.flatMap((g) => g.fields);
export type FormValues = Record<string, string>;

export function valuesOf(mode: FailureModeView | null): FormValues {
  const values: FormValues = {};
  for (const f of FIELDS) {
    if (f.name === "links") values.links = mode ? mode.links.map((l) => `${l.kind}:${l.ref}`).join(" ") : "";
    else {
      const v = mode ? (mode as unknown as Record<string, unknown>)[f.name] : null;
      values[f.name] = v === null || v === undefined ? "" : String(v);
    }
  }
  return values;
}

/** The API body for the form: ratings as numbers (blank → null), links parsed from kind:ref. */
export function bodyOf(values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = values[f.name] ?? "";
    if (f.name === "links") {
      body.links = v.split(/\s+/).filter(Boolean).map((pair) => {
        const at = pair.indexOf(":");
        return at < 0 ? { kind: pair, ref: "" } : { kind: pair.slice(0, at), ref: pair.slice(at + 1) };
      });
    } else if (f.kind === "rating") body[f.name] = v.trim() === "" ? null : Number(v);
    else if (f.kind === "date") body[f.name] = v === "" ? null : v;
    else body[f.name] = v;
  }
  return body;
}

/** Field name of an API issue: ["row", "severity"] or ["severity"] or ["links", 0, "ref"]. */
function fieldOf(issue: ApiIssue): string {
  const names = issue.path.filter((p): p is string => typeof p === "string" && p !== "row");
  return names[0] ?? "";
}

type Props = {
  id: string;
  initial: FormValues;
  submitLabel: string;
  issues: ApiIssue[];
  message: string | null;
  busy: boolean;
  onSubmit: (values: FormValues) => void;
  onCancel?: () => void;
  onDelete?: () => void;
};

/**
 * One worksheet row as a form, keyboard first: it takes focus when it opens, Enter in any field
 * saves, Escape cancels. Each rating shows the meaning of the value typed beside it.
 */
export function RowForm({ id, initial, submitLabel, issues, message, busy, onSubmit, onCancel, onDelete }: Props) {
  const [values, setValues] = useState(initial);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (onCancel) first.current?.focus();
  }, [onCancel]);
  const errors = new Map<string, string>();
  for (const issue of issues) if (!errors.has(fieldOf(issue))) errors.set(fieldOf(issue), issue.message);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(values);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && onCancel) {
      e.preventDefault();
      onCancel();
    }
  };
  return (
    <form className="fmea-form" onSubmit={submit} onKeyDown={onKeyDown} aria-label={submitLabel} noValidate>
      {GROUPS.map((g) => (
        <fieldset key={g.legend}>
          <legend>{g.legend}</legend>
          {g.fields.map((f, i) => {
            const inputId = `${id}-${f.name}`;
            const error = errors.get(f.name);
            const meaning = f.scale ? scaleMeaning(f.scale, Number(values[f.name])) : null;
            const described = [f.scale ? `${inputId}-meaning` : null, error ? `${inputId}-error` : null].filter(Boolean).join(" ") || undefined;
            return (
              <div key={f.name} className={`fmea-field${f.wide ? " wide" : ""}${f.kind === "rating" ? " rating" : ""}`}>
                <label htmlFor={inputId}>{f.label}</label>
                <input
                  ref={g === GROUPS[0] && i === 0 ? first : undefined}
                  id={inputId}
                  name={f.name}
                  type={f.kind === "rating" ? "number" : f.kind === "date" ? "date" : "text"}
                  inputMode={f.kind === "rating" ? "numeric" : undefined}
                  min={f.kind === "rating" ? 1 : undefined}
                  max={f.kind === "rating" ? 10 : undefined}
                  value={values[f.name] ?? ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={described}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                />
                {f.scale ? <span id={`${inputId}-meaning`} className="muted scale-meaning">{meaning ?? "1–10; see the scales above"}</span> : null}
                {error ? <span id={`${inputId}-error`} className="field-error">{error}</span> : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      <div className="fmea-form-actions">
        <button type="submit" className="button primary" disabled={busy}>{busy ? "Saving…" : submitLabel}</button>
        {onCancel ? <button type="button" className="button" onClick={onCancel}>Cancel (Esc)</button> : null}
        {onDelete ? <button type="button" className="button danger" onClick={onDelete}>Delete row</button> : null}
        {message ? <span role="alert" className="field-error">{message}</span> : null}
      </div>
    </form>
  );
}
