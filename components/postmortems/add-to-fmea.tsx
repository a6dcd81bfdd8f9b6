"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { addToFmeaAction, type AddToFmeaResult } from "@/app/(dashboard)/postmortems/actions";

type Worksheet = { id: string; title: string };
type Props = {
  postmortemId: string;
  rootCauses: string[];
  worksheets: Worksheet[];
  /** Services of the postmortem's SLOs that have no worksheet yet: one can be made for them. */
  newFor: { slug: string; name: string }[];
  defaults: { item: string; mode: string; effect: string };
};

const RATINGS = [["severity", "Severity"], ["occurrence", "Occurrence"], ["detection", "Detection"]] as const;

/** Turns the postmortem's root causes into FMEA failure modes, after the author confirms where and how rated. */
export function AddToFmea({ postmortemId, rootCauses, worksheets, newFor, defaults }: Props) {
  const [isOpen, setIsOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [result, setResult] = useState<AddToFmeaResult | null>(null);
  const [chosen, setChosen] = useState<string[]>(rootCauses);
  const issueFor = (...path: string[]) =>
    result && !result.ok ? result.issues.find((i) => i.path.join(".") === path.join("."))?.message : undefined;

  function submit(form: FormData) {
    const target = String(form.get("target") ?? "");
    const num = (k: string) => (form.get(k) === "" ? null : Number(form.get(k)));
    startTransition(async () => {
      const outcome = await addToFmeaAction(postmortemId, {
        target: target.startsWith("service:") ? { service: target.slice(8) } : { worksheetId: target },
        rootCauses: chosen,
        row: { item: form.get("item"), mode: form.get("mode"), effect: form.get("effect"), severity: num("severity"), occurrence: num("occurrence"), detection: num("detection") },
      });
      setResult(outcome);
      if (outcome.ok) setIsOpen(false); // done: what was made is listed; another click starts afresh

    });
  }

  if (rootCauses.length === 0) {
    return <p className="muted pm-fmea-none">To add this incident to an FMEA worksheet, write its root causes as a list first.</p>;
  }
  return (
    <section className="card pm-fmea" aria-labelledby="pm-fmea-title">
      <h3 id="pm-fmea-title" className="visually-hidden">Add to FMEA</h3>
      <button type="button" className="button" aria-expanded={isOpen} aria-controls="pm-fmea-form" onClick={() => setIsOpen((o) => !o)}>Add to FMEA</button>
      {result?.ok ? (
        <div role="status" className="pm-fmea-created">
          <p><span className="status" data-state="ok"><span aria-hidden="true">✔</span> Created {result.created.length} failure {result.created.length === 1 ? "mode" : "modes"}</span>, each linked to this postmortem:</p>
          <ul>{result.created.map((c) => <li key={c.id}><Link href={`/fmea/${c.worksheetId}`}>{c.mode}</Link> <span className="muted">· cause: {c.cause}</span></li>)}</ul>
        </div>
      ) : null}
      {isOpen ? (
        <form
          id="pm-fmea-form"
          className="pm-fmea-form"
          aria-label="Add to FMEA"
          // Not a form action: React resets a form after its action, which would wipe what was typed when it is refused.
          onSubmit={(e) => {
            e.preventDefault();
            submit(new FormData(e.currentTarget));
          }}
        >
          <fieldset>
            <legend>Root causes: one failure mode each</legend>
            {rootCauses.map((c) => (
              <label key={c} className="pm-check">
                <input type="checkbox" checked={chosen.includes(c)} onChange={(e) => setChosen((cs) => (e.target.checked ? [...cs, c] : cs.filter((x) => x !== c)))} /> {c}
              </label>
            ))}
            {issueFor("rootCauses") ? <p className="pm-error" role="alert">{issueFor("rootCauses")}</p> : null}
          </fieldset>
          <label>Worksheet
            <select name="target" defaultValue={worksheets[0]?.id ?? (newFor[0] ? `service:${newFor[0].slug}` : "")} required>
              {worksheets.map((w) => <option key={w.id} value={w.id}>{w.title}</option>)}
              {newFor.map((s) => <option key={s.slug} value={`service:${s.slug}`}>New worksheet for {s.name}</option>)}
            </select>
          </label>
          {(["item", "mode", "effect"] as const).map((k) => (
            <label key={k}>{{ item: "Item (what fails)", mode: "Failure mode", effect: "Effect" }[k]}
              <input name={k} defaultValue={defaults[k]} aria-invalid={issueFor("row", k) ? true : undefined} />
              {issueFor("row", k) ? <span className="pm-error">{issueFor("row", k)}</span> : null}
            </label>
          ))}
          <div className="pm-fmea-ratings">
            {RATINGS.map(([k, label]) => (
              <label key={k}>{label} (1–10)
                <input name={k} type="number" min={1} max={10} step={1} inputMode="numeric" aria-invalid={issueFor("row", k) ? true : undefined} />
                {issueFor("row", k) ? <span className="pm-error">{issueFor("row", k)}</span> : null}
              </label>
            ))}
          </div>
          {result && !result.ok ? <p className="pm-error" role="alert"><span aria-hidden="true">✖</span> {result.message}</p> : null}
          <button type="submit" className="button pm-primary" disabled={isPending || chosen.length === 0}>
            {isPending ? "Creating…" : `Create ${chosen.length} failure ${chosen.length === 1 ? "mode" : "modes"}`}
          </button>
        </form>
      ) : null}
    </section>
  );
}
