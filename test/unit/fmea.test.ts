import { describe, expect, it } from "vitest";
import { actionPriority, compareRisk, DETECTION_SCALE, OCCURRENCE_SCALE, riskPriorityNumber, revisedRatings, SEVERITY_SCALE, type ActionPriority } from "@/lib/domain/fmea";

/**
 * The AIAG & VDA FMEA Handbook (1st ed., 2019) "Action Priority (AP) for DFMEA and PFMEA" table,
 * written out here in the handbook's own layout, independently of lib/domain/fmea.ts: one line
 * per severity band × occurrence band, then the AP for detection 7–10, 5–6, 2–4 and 1.
 * Source and how it was checked: README "FMEA" and the header of lib/domain/fmea.ts.
 */
const HANDBOOK = `
S=9-10 O=8-10  H H H H
S=9-10 O=6-7   H H H H
S=9-10 O=4-5   H H H M
S=9-10 O=2-3   H M L L
S=9-10 O=1     L L L L
S=7-8  O=8-10  H H H H
S=7-8  O=6-7   H H H M
S=7-8  O=4-5   H M M M
S=7-8  O=2-3   M M L L
S=7-8  O=1     L L L L
S=4-6  O=8-10  H H M M
S=4-6  O=6-7   M M M L
S=4-6  O=4-5   M L L L
S=4-6  O=2-3   L L L L
S=4-6  O=1     L L L L
S=2-3  O=8-10  M M L L
S=2-3  O=6-7   L L L L
S=2-3  O=4-5   L L L L
S=2-3  O=2-3   L L L L
S=2-3  O=1     L L L L
S=1    O=1-10  L L L L
`;
const DETECTION_COLUMNS: [number, number][] = [[7, 10], [5, 6], [2, 4], [1, 1]];

function range(text: string): [number, number] {
  const [lo, hi] = text.split("-").map(Number);
  return [lo!, hi ?? lo!];
}

/** Every one of the 1000 (S, O, D) cells with the AP the handbook gives it. */
function expandHandbook(): Map<string, ActionPriority> {
  const cells = new Map<string, ActionPriority>();
  const letter: Record<string, ActionPriority> = { H: "high", M: "medium", L: "low" };
  for (const line of HANDBOOK.trim().split("\n")) {
    const [s, o, ...aps] = line.trim().split(/\s+/);
    const [sLo, sHi] = range(s!.slice(2));
    const [oLo, oHi] = range(o!.slice(2));
    for (let sv = sLo; sv <= sHi; sv++) for (let ov = oLo; ov <= oHi; ov++) {
      DETECTION_COLUMNS.forEach(([dLo, dHi], i) => {
        for (let dv = dLo; dv <= dHi; dv++) cells.set(`${sv},${ov},${dv}`, letter[aps[i]!]!);
      });
    }
  }
  return cells;
}

describe("action priority", () => {
  const reference = expandHandbook();

  it("the reference covers all 1000 cells exactly once", () => {
    expect(reference.size).toBe(1000);
  });

  it("agrees with the handbook table in every cell", () => {
    const wrong: string[] = [];
    for (const [key, expected] of reference) {
      const [severity, occurrence, detection] = key.split(",").map(Number) as [number, number, number];
      const got = actionPriority({ severity, occurrence, detection });
      if (got !== expected) wrong.push(`S${severity} O${occurrence} D${detection}: ${got}, handbook ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    // Cases the handbook's layout makes easy to get wrong.
    [10, 1, 10, "low"], // rare, however severe and undetected: low (no "S ≥ 9 is always high")
    [10, 2, 2, "low"],
    [10, 2, 7, "high"],
    [9, 4, 1, "medium"],
    [8, 6, 1, "medium"],
    [7, 4, 1, "medium"],
    [6, 8, 2, "medium"],
    [4, 6, 1, "low"],
    [3, 8, 5, "medium"],
    [1, 10, 10, "low"],
    // Rows of a published PFMEA case study (Pop et al., Applied Sciences 16(5):2591, 2026) as
    // quoted by the transcription README "FMEA" names: a second, independent check.
    [6, 6, 4, "medium"], [6, 4, 4, "low"], [6, 6, 2, "medium"], [6, 4, 6, "low"], [7, 6, 6, "high"], [7, 3, 6, "medium"], [7, 3, 4, "low"],
  ] as const)("S%i O%i D%i is %s", (severity, occurrence, detection, ap) => {
    expect(actionPriority({ severity, occurrence, detection })).toBe(ap);
  });

  it.each([[0, 5, 5], [11, 5, 5], [5, 0, 5], [5, 5, 11], [5.5, 5, 5], [Number.NaN, 1, 1]])("refuses S%s O%s D%s", (severity, occurrence, detection) => {
    expect(() => actionPriority({ severity, occurrence, detection })).toThrow(RangeError);
    expect(() => riskPriorityNumber({ severity, occurrence, detection })).toThrow(RangeError);
  });
});

describe("risk priority number", () => {
  it.each([
    [1, 1, 1, 1],
    [10, 10, 10, 1000],
    [9, 2, 3, 54],
    [5, 7, 4, 140],
  ])("S%i × O%i × D%i = %i", (severity, occurrence, detection, rpn) => {
    expect(riskPriorityNumber({ severity, occurrence, detection })).toBe(rpn);
  });
});

describe("worksheet order", () => {
  it("sorts by AP, then RPN, then severity", () => {
    const rows = [
      { name: "low, big RPN", severity: 5, occurrence: 3, detection: 10 }, // L, 150
      { name: "high, small RPN", severity: 9, occurrence: 2, detection: 7 }, // H, 126
      { name: "high, big RPN", severity: 8, occurrence: 8, detection: 3 }, // H, 192
      { name: "medium, S4", severity: 4, occurrence: 8, detection: 3 }, // M, 96
      { name: "medium, S8", severity: 8, occurrence: 2, detection: 6 }, // M, 96
      { name: "medium, small RPN", severity: 7, occurrence: 2, detection: 6 }, // M, 84
    ];
    expect([...rows].sort(compareRisk).map((r) => r.name)).toEqual(["high, big RPN", "high, small RPN", "medium, S8", "medium, S4", "medium, small RPN", "low, big RPN"]);
  });

  it("counts revised ratings only when all three are given", () => {
    expect(revisedRatings({ revisedSeverity: 8, revisedOccurrence: 2, revisedDetection: null })).toBeNull();
    expect(revisedRatings({ revisedSeverity: 8, revisedOccurrence: 2, revisedDetection: 3 })).toEqual({ severity: 8, occurrence: 2, detection: 3 });
  });
});

describe("rating scales", () => {
  it.each([["severity", SEVERITY_SCALE], ["occurrence", OCCURRENCE_SCALE], ["detection", DETECTION_SCALE]] as const)("%s has one meaning per rating 10 → 1", (_, scale) => {
    expect(scale.map((e) => e.rating)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    for (const e of scale) expect(e.meaning.length).toBeGreaterThan(5);
  });

  it("occurrence frequencies never allow fewer events for a higher rating", () => {
    const max = OCCURRENCE_SCALE.map((e) => e.maxPer90Days);
    for (let i = 1; i < max.length; i++) expect(max[i]).toBeLessThanOrEqual(max[i - 1]!);
  });
});
