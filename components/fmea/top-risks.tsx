import Link from "next/link";
import type { TopRisk } from "@/lib/schemas/fmea";
import { ApBadge } from "./ap-badge";
import { EvidenceCell } from "./evidence-cell";

export function TopRisks({ risks }: { risks: TopRisk[] }) {
  return (
    <table className="data" aria-label="Top risks across services">
      <caption className="muted">The {risks.length} riskiest failure modes across every worksheet: action priority, then RPN</caption>
      <thead>
        <tr>
          <th scope="col">AP</th>
          <th scope="col">RPN</th>
          <th scope="col">Failure mode</th>
          <th scope="col">Service / worksheet</th>
          <th scope="col">S / O / D</th>
          <th scope="col">Recommended action</th>
          <th scope="col">Evidence (90 d)</th>
        </tr>
      </thead>
      <tbody>
        {risks.map((r) => (
          <tr key={r.id}>
            <td><ApBadge ap={r.score.ap} /></td>
            <td className="num">{r.score.rpn}</td>
            <th scope="row">{r.mode}<div className="muted">{r.item}: {r.effect}</div></th>
            <td>
              {r.service ? <>{r.service.name} · </> : null}
              <Link href={`/fmea/${r.worksheet.id}`}>{r.worksheet.title}</Link>
            </td>
            <td className="nowrap">{r.severity} / {r.occurrence} / {r.detection}</td>
            <td>{r.action || <span className="muted">none yet</span>}{r.owner ? <div className="muted">{r.owner}</div> : null}</td>
            <td><EvidenceCell mode={r} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
