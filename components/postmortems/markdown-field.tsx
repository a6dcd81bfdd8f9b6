"use client";
import { useId, useMemo, useState } from "react";
import { blamelessLint } from "@/lib/domain/blameless-lint";
import { Markdown } from "./markdown";

type Props = { label: string; hint?: string; value: string; onChange: (value: string) => void; error?: string; names: string[]; rows?: number };

/** A Markdown textarea with a preview and the blameless-language check shown as you type. */
export function MarkdownField({ label, hint, value, onChange, error, names, rows = 4 }: Props) {
  const id = useId();
  const [isPreview, setPreview] = useState(false);
  const findings = useMemo(() => blamelessLint(value, names), [value, names]);
  return (
    <div className="pm-field">
      <div className="pm-field-head">
        <label htmlFor={id}>{label}</label>
        <button type="button" className="button pm-small" aria-pressed={isPreview} onClick={() => setPreview(!isPreview)}>
          {isPreview ? "Edit" : "Preview"} <span className="pm-sr">{label}</span>
        </button>
      </div>
      {hint ? <p className="muted pm-hint" id={`${id}-hint`}>{hint}</p> : null}
      {isPreview ? (
        <div className="pm-preview" aria-label={`${label} preview`} role="region">
          <Markdown text={value} />
        </div>
      ) : (
        <textarea
          id={id}
          value={value}
          rows={rows}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : "", findings.length ? `${id}-lint` : ""].filter(Boolean).join(" ") || undefined}
        />
      )}
      {error ? <p className="pm-error" id={`${id}-error`}><span aria-hidden="true">✖</span> {error}</p> : null}
      {findings.length > 0 ? (
        <ul className="pm-lint" id={`${id}-lint`} aria-label={`Blameless-language suggestions for ${label}`}>
          {findings.map((f) => (
            <li key={`${f.index}-${f.rule}`}>
              <span aria-hidden="true">▲</span> <mark>{f.text}</mark> {f.message} <span className="muted">{f.suggestion}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
