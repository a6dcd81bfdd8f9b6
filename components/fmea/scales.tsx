import { DETECTION_SCALE, OCCURRENCE_SCALE, SEVERITY_SCALE } from "@/lib/domain/fmea";

const SCALES = [
  { key: "severity", title: "Severity (S)", hint: "how bad the effect is for users", scale: SEVERITY_SCALE },
  { key: "occurrence", title: "Occurrence (O)", hint: "how often the cause happens with today's prevention", scale: OCCURRENCE_SCALE },
  { key: "detection", title: "Detection (D)", hint: "how surely current controls catch it before users do; 1 is best", scale: DETECTION_SCALE },
] as const;

/** The three rating scales, adapted to software services, for reference beside the worksheet. */
export function RatingScales() {
  return (
    <details className="card fmea-scales">
      <summary>Rating scales (S, O, D from 1 to 10) and action priority</summary>
      <div className="fmea-scales-grid">
        {SCALES.map((s) => (
          <section key={s.key} aria-label={s.title}>
            <h3>{s.title}</h3>
            <p className="muted">{s.hint}</p>
            <ol reversed>
              {s.scale.map((e) => <li key={e.rating} value={e.rating}><strong>{e.rating}</strong> {e.meaning}</li>)}
            </ol>
          </section>
        ))}
      </div>
      <p className="muted">
        Action priority follows the AIAG &amp; VDA FMEA Handbook (2019) table: high means act (or record why not), medium means act or justify, low means optional.
        RPN = S × O × D is shown for teams used to it; rows sort by action priority first.
      </p>
    </details>
  );
}
