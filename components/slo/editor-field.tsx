import type { ReactNode } from "react";
import type { ApiIssue } from "@/components/ui/api-client";

/** Issues whose path starts with one of the prefixes, e.g. ["sli.total"] for the total's fields. */
export const issuesAt = (issues: ApiIssue[], ...prefixes: string[]) =>
  issues.filter((i) => prefixes.some((p) => i.path.join(".") === p || i.path.join(".").startsWith(`${p}.`))).map((i) => i.message);

export function Field(props: { id: string; label: string; hint?: string; errors?: string[]; children: ReactNode }) {
  const errors = props.errors ?? [];
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint ? <small className="muted" id={`${props.id}-hint`}>{props.hint}</small> : null}
      {errors.map((e) => <small key={e} className="field-error" id={`${props.id}-error`}>⚠ {e}</small>)}
    </div>
  );
}

