import { BURN_WINDOW_NAMES } from "@/lib/domain/alert-tiers";
import { burn, count } from "./format";
import type { SloDetail } from "./slo-detail-types";

/**
 * Burn rate over every alert window as a bar, with each tier's threshold drawn as a mark on the
 * windows that tier reads; then the tiers with both windows' rates, counts and whether they fire.
 */
export function SloBurnRates({ slo }: { slo: SloDetail }) {
  const tiers = slo.tiers.filter((t) => !t.tier.includes("{")); // group tiers are in the groups table
  const scale = Math.max(1, ...Object.values(slo.burnRates), ...tiers.map((t) => t.factor)) * 1.1;
  const at = (v: number) => `${Math.min(100, (v / scale) * 100)}%`;
  return (
    <section className="card" aria-labelledby="burn-rates">
      <h2 id="burn-rates">Burn rates</h2>
      <table className="data slo-burn">
        <thead>
          <tr><th scope="col">Window</th><th scope="col">Burn rate</th><th scope="col">Against tier thresholds</th></tr>
        </thead>
        <tbody>
          {BURN_WINDOW_NAMES.map((w) => {
            const rate = slo.burnRates[w];
            const marks = tiers.filter((t) => t.longWindow === w || t.shortWindow === w);
            const over = marks.filter((t) => rate >= t.factor);
            return (
              <tr key={w}>
                <th scope="row">{w}</th>
                <td>{burn(rate)}×</td>
                <td>
                  <div className="burn-track" aria-hidden="true">
                    <div className="burn-bar" data-over={over.length > 0 || undefined} style={{ width: at(rate) }} />
                    {marks.map((t) => <span key={t.tier} className="burn-mark" style={{ left: at(t.factor) }} title={`${t.tier}: ${t.factor}×`} />)}
                  </div>
                  <span className="muted" style={{ fontSize: "0.85rem" }}>
                    {marks.length === 0 ? "no tier reads this window" : marks.map((t) => `${rate >= t.factor ? "▲ over" : "below"} ${t.severity} ${burn(t.factor)}×`).join(" · ")}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>Alert tiers</h3>
      <table className="data">
        <thead>
          <tr><th scope="col">Tier</th><th scope="col">Threshold</th><th scope="col">Long window</th><th scope="col">Short window</th><th scope="col">State</th></tr>
        </thead>
        <tbody>
          {tiers.map((t) => (
            <tr key={t.tier}>
              <th scope="row">{t.tier}</th>
              <td>{burn(t.factor)}×</td>
              <td>{t.longWindow}: {burn(t.long.burnRate)}× <span className="muted">({count(t.long.valid - t.long.good)} bad of {count(t.long.valid)})</span></td>
              <td>{t.shortWindow}: {burn(t.short.burnRate)}× <span className="muted">({count(t.short.valid - t.short.good)} bad of {count(t.short.valid)})</span></td>
              <td><span className="status" data-state={t.fires ? "danger" : "ok"}>{t.fires ? "● Firing" : "✓ Quiet"}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">A tier fires when both its windows burn at or above its threshold; burn rate = (bad / valid) / (1 − objective).</p>
    </section>
  );
}
