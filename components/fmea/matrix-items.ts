import type { FailureModeView } from "@/lib/schemas/fmea";
import type { MatrixItem } from "./risk-matrix";

export type MatrixRatings = "initial" | "revised";

export const matrixRatingsOf = (value: string | string[] | undefined): MatrixRatings => (value === "revised" ? "revised" : "initial");

/** Heat-map items from rows: the initial ratings, or the revised ones where a row has them. */
export function matrixItems(modes: FailureModeView[], ratings: MatrixRatings): MatrixItem[] {
  return modes.map((m) =>
    ratings === "revised" && m.revisedScore
      ? { severity: m.revisedSeverity!, occurrence: m.revisedOccurrence!, ap: m.revisedScore.ap }
      : { severity: m.severity, occurrence: m.occurrence, ap: m.score.ap },
  );
}
