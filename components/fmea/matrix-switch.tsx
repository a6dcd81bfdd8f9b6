import Link from "next/link";
import type { MatrixRatings } from "./matrix-items";

/** Initial or revised ratings in the heat map, kept in the URL so the view can be shared. */
export function MatrixSwitch({ base, current }: { base: string; current: MatrixRatings }) {
  const options: [MatrixRatings, string][] = [["initial", "Current ratings"], ["revised", "After actions (revised)"]];
  return (
    <nav aria-label="Ratings shown in the risk matrix" className="fmea-switch">
      {options.map(([value, label]) => (
        <Link key={value} href={value === "initial" ? base : `${base}?ratings=revised`} aria-current={current === value ? "true" : undefined} className="button" scroll={false}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
