"use client";

import { BURN_WINDOW_NAMES } from "@/lib/domain/alert-tiers";
import { DEFAULT_TIER_ROWS, type SloForm, type TierRow } from "./slo-form";

/** The alert tiers: the defaults of slo-math.md, or the SLO's own rows. */
export function TierFields({ form, setForm, errors }: { form: SloForm; setForm: (f: (f: SloForm) => SloForm) => void; errors: string[] }) {
  const setRow = (i: number, change: Partial<TierRow>) =>
    setForm((f) => ({ ...f, tiers: f.tiers.map((row, j) => (j === i ? { ...row, ...change } : row)) }));
  return (
    <fieldset>
      <legend>Alert tiers</legend>
      <label className="checkbox">
        <input type="checkbox" checked={form.customTiers} onChange={(e) => setForm((f) => ({ ...f, customTiers: e.target.checked, tiers: f.tiers.length ? f.tiers : DEFAULT_TIER_ROWS }))} />
        <span>Use this SLO&apos;s own tiers <span className="muted">(otherwise the defaults: page 1h/5m at 2%, 6h/30m at 5%; ticket 1d/2h and 3d/6h at 10% of the budget)</span></span>
      </label>
      {form.customTiers ? (
        <table className="data compact">
          <thead>
            <tr><th scope="col">Severity</th><th scope="col">Long window</th><th scope="col">Short window</th><th scope="col">Budget spent at trigger</th><th scope="col"><span className="visually-hidden">Remove</span></th></tr>
          </thead>
          <tbody>
            {form.tiers.map((row, i) => (
              <tr key={i}>
                <td>
                  <select aria-label={`Tier ${i + 1} severity`} value={row.severity} onChange={(e) => setRow(i, { severity: e.target.value as TierRow["severity"] })}>
                    <option value="page">page</option><option value="ticket">ticket</option>
                  </select>
                </td>
                {(["longWindow", "shortWindow"] as const).map((key) => (
                  <td key={key}>
                    <select aria-label={`Tier ${i + 1} ${key === "longWindow" ? "long" : "short"} window`} value={row[key]} onChange={(e) => setRow(i, { [key]: e.target.value })}>
                      {BURN_WINDOW_NAMES.map((w) => <option key={w} value={w}>{w}</option>)}
                    </select>
                  </td>
                ))}
                <td><input aria-label={`Tier ${i + 1} budget spent`} value={row.budgetSpent} size={6} inputMode="decimal" onChange={(e) => setRow(i, { budgetSpent: e.target.value })} /></td>
                <td><button type="button" className="button" aria-label={`Remove tier ${i + 1}`} onClick={() => setForm((f) => ({ ...f, tiers: f.tiers.filter((_, j) => j !== i) }))}>✕</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {form.customTiers ? (
        <button type="button" className="button" onClick={() => setForm((f) => ({ ...f, tiers: [...f.tiers, { severity: "ticket", longWindow: "1d", shortWindow: "2h", budgetSpent: "0.1" }] }))}>Add a tier</button>
      ) : null}
      {errors.map((e) => <small key={e} className="field-error">⚠ {e}</small>)}
    </fieldset>
  );
}
