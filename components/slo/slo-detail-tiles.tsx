import type { ReactNode } from "react";
import { burn, count, duration, percent } from "./format";
import type { SloDetail } from "./slo-detail-types";

// Each headline number with a "show your work" disclosure: the counts and the formula, computed
// from the same figures the number came from (slo-math.md "Show your work").

function Tile({ label, value, children }: { label: string; value: string; children: ReactNode }) {
  return (
    <div className="card slo-tile">
      <span className="muted">{label}</span>
      <strong className="slo-tile-value">{value}</strong>
      <details>
        <summary>Show your work</summary>
        <div className="slo-work">{children}</div>
      </details>
    </div>
  );
}

const f4 = (n: number) => String(+n.toFixed(4));

export function SloDetailTiles({ slo }: { slo: SloDetail }) {
  const { budget } = slo;
  const objective = Number(slo.definition.objective);
  const rate1h = slo.burnRates["1h"];
  const unit = slo.timeslice ? "slices" : "events";
  return (
    <section className="grid slo-tiles" aria-label="Headline figures">
      <Tile label="Objective" value={percent(objective, 2)}>
        <p>objective = {slo.definition.objective} over a {slo.definition.window.kind} window</p>
        <p>window = {slo.window.start.slice(0, 16).replace("T", " ")} → {slo.window.end.slice(0, 16).replace("T", " ")} UTC ({duration(slo.window.periodMs)})</p>
      </Tile>
      <Tile label="SLI" value={percent(slo.sli, 3)}>
        <p>good = {count(budget.good)} {unit}, valid = {count(budget.valid)} {unit}</p>
        <p>{slo.sli === null ? "SLI = good / valid: no valid events in the window" : <>SLI = good / valid = {count(budget.good)} / {count(budget.valid)} = {f4(slo.sli)}</>}</p>
        {budget.clampedGood > 0 ? <p>{count(budget.clampedGood)} good above valid cut (scrape skew)</p> : null}
      </Tile>
      <Tile label="Budget remaining" value={percent(budget.remaining, 1)}>
        <p>bad = valid − good = {count(budget.valid)} − {count(budget.good)} = {count(budget.bad)}</p>
        <p>allowed = (1 − objective) × valid = (1 − {slo.definition.objective}) × {count(budget.valid)} = {count(budget.allowed)}</p>
        <p>remaining = 1 − bad / allowed = 1 − {count(budget.bad)} / {count(budget.allowed)} = {f4(budget.remaining)}</p>
        {budget.coverage < 1 ? <p>data covers {percent(budget.coverage, 1)} of the window</p> : null}
      </Tile>
      <Tile label="Time to exhaustion" value={duration(slo.timeToExhaustionMs)}>
        <p>at the 1h burn rate: {burn(rate1h)}×</p>
        <p>
          {slo.timeToExhaustionMs === null
            ? "time = remaining × period / burn rate: not burning or no budget left, so none"
            : <>time = remaining × period / burn rate = {f4(budget.remaining)} × {duration(slo.window.periodMs)} / {burn(rate1h)} = {duration(slo.timeToExhaustionMs)}</>}
        </p>
      </Tile>
    </section>
  );
}
