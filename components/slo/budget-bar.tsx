import { percent } from "./format";

/**
 * Budget remaining as a bar; overspent budgets show an empty bar and a negative figure. Without
 * data the untouched budget is grey, not green: no traffic is not good news.
 */
export function BudgetBar({ remaining, hasData }: { remaining: number; hasData: boolean }) {
  const width = Math.max(0, Math.min(1, remaining)) * 100;
  const state = !hasData ? "muted" : remaining <= 0 ? "danger" : remaining < 0.25 ? "warning" : "ok";
  return (
    <span className="budget">
      <span className="budget-track" aria-hidden="true">
        <span className="budget-fill" data-state={state} style={{ width: `${width}%` }} />
      </span>
      <span>{percent(remaining, 1)}</span>
    </span>
  );
}
