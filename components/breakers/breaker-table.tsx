import Link from "next/link";
import { duration } from "@/components/slo/format";
import type { BreakerSummary } from "@/lib/server/services/breakers";
import { BreakerStateBadge } from "./breaker-state";

/** "60.0% of 50%", the threshold marked "default (library)" when no one sent the configured one. */
export function failureRateText(b: Pick<BreakerSummary, "failureRate" | "failureThreshold" | "failureThresholdSource">): string {
  const threshold = b.failureThreshold === null ? null : `${b.failureThreshold}%${b.failureThresholdSource === "default" ? " default (library)" : ""}`;
  if (b.failureRate === null) return threshold === null ? "—" : `— (threshold ${threshold})`;
  return threshold === null ? `${b.failureRate.toFixed(1)}%` : `${b.failureRate.toFixed(1)}% of ${threshold}`;
}

/** Breakers as the list gives them (open first); `query` keeps the range on the detail links. */
export function BreakerTable({ breakers, query, caption }: { breakers: BreakerSummary[]; query: string; caption: string }) {
  return (
    <table className="data">
      <caption className="muted" style={{ textAlign: "left", padding: "0 0 8px" }}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Breaker</th>
          <th scope="col">State</th>
          <th scope="col">Since</th>
          <th scope="col">Open in range</th>
          <th scope="col">Transitions</th>
          <th scope="col">Failure rate</th>
          <th scope="col">Library</th>
        </tr>
      </thead>
      <tbody>
        {breakers.map((b) => (
          <tr key={b.id}>
            <th scope="row" style={{ fontWeight: 500 }}>
              <Link href={`/breakers/${b.id}${query}`}>{b.name}</Link>
              <span className="muted"> · {b.service} → {b.dependency}</span>
            </th>
            <td>
              <BreakerStateBadge state={b.state} />
              {b.isFlapping ? <> · <span className="status" data-state="warning"><span aria-hidden="true">↯</span> flapping</span></> : null}
            </td>
            <td><time dateTime={b.stateSince}>{b.stateSince.slice(0, 16).replace("T", " ")} UTC</time></td>
            <td>{b.stats.openMs + b.stats.halfOpenMs === 0 ? <span className="muted">never</span> : duration(b.stats.openMs + b.stats.halfOpenMs)}</td>
            <td>{b.stats.transitions} <span className="muted">({b.stats.opens} trips)</span></td>
            <td>{failureRateText(b)}</td>
            <td className="muted">{b.library}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
