import Link from "next/link";

export const STEP_CHOICES = ["5m", "1h", "1d"] as const;

/** The series' resolution as links, so the choice lives in the URL (?step=) and survives reload. */
export function StepChoice({ id, current, present }: { id: string; current: string | null; present: boolean }) {
  return (
    <nav aria-label="Chart step" className="step-choice">
      <span className="muted">Step:</span>
      {STEP_CHOICES.map((s) => {
        const query = new URLSearchParams({ step: s, ...(present ? { present: "1" } : {}) });
        return (
          <Link key={s} href={`/slos/${id}?${query}`} aria-current={current === s ? "page" : undefined} className="button" data-active={current === s || undefined}>
            {s}
          </Link>
        );
      })}
    </nav>
  );
}
