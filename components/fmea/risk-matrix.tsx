import { actionPriority, type ActionPriority, RATINGS } from "@/lib/domain/fmea";

export type MatrixItem = { severity: number; occurrence: number; ap: ActionPriority };

const RANK: Record<ActionPriority, number> = { high: 0, medium: 1, low: 2 };
const LETTER: Record<ActionPriority, string> = { high: "H", medium: "M", low: "L" };
const SEVERITIES = [...RATINGS].reverse();

/**
 * Severity × occurrence heat map: how many failure modes sit in each cell, and the highest action
 * priority among them (a letter, not only a colour). The cell's tint is the priority that cell
 * reaches when nothing detects the failure (D 10), so an empty cell still shows where the risk is.
 */
export function RiskMatrix({ items, title, caption }: { items: MatrixItem[]; title: string; caption?: string }) {
  const cells = new Map<string, MatrixItem[]>();
  for (const item of items) {
    const key = `${item.severity}:${item.occurrence}`;
    cells.set(key, [...(cells.get(key) ?? []), item]);
  }
  return (
    <figure className="risk-matrix">
      <figcaption>{title}</figcaption>
      <table aria-label={title}>
        {caption ? <caption className="muted">{caption}</caption> : null}
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={10} className="axis">Occurrence →</th>
          </tr>
          <tr>
            <th scope="col" className="axis">Severity ↓</th>
            {RATINGS.map((o) => <th key={o} scope="col">O {o}</th>)}
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((s) => (
            <tr key={s}>
              <th scope="row">S {s}</th>
              {RATINGS.map((o) => {
                const here = cells.get(`${s}:${o}`) ?? [];
                const zone = actionPriority({ severity: s, occurrence: o, detection: 10 });
                const top = here.length ? here.reduce((a, b) => (RANK[b.ap] < RANK[a.ap] ? b : a)).ap : null;
                const label = here.length
                  ? `S ${s}, O ${o}: ${here.length} failure mode${here.length === 1 ? "" : "s"}, highest priority ${top}`
                  : `S ${s}, O ${o}: none`;
                return (
                  <td key={o} data-zone={zone} data-ap={top ?? undefined} aria-label={label} title={label}>
                    {here.length ? <><strong>{here.length}</strong><span className="ap-letter">{LETTER[top!]}</span></> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted legend">
        Number: failure modes in the cell; letter: their highest action priority (H, M, L). Tint: the priority the cell reaches when nothing detects the failure.
      </p>
    </figure>
  );
}
