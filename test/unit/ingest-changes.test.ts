// What ingest tells the readers that keep sums of rollups (lib/server/ingest/changes.ts): per
// metric, the earliest sample time stored since they last asked.
import { beforeEach, describe, expect, it } from "vitest";
import { noteEverythingChanged, noteStored, takeChanges } from "@/lib/server/ingest/changes";

const series = (metric: string, ...ts: number[]) => ({ metric, labels: {}, samples: ts.map((t) => ({ t, v: 1 })) });

describe("ingest changes", () => {
  beforeEach(() => void takeChanges());

  it("keeps the earliest time per metric, over runs of one metric and metrics interleaved", () => {
    noteStored([series("a", 50, 40), series("a", 45), series("b", 70), series("a", 30), series("c")]);
    noteStored([series("b", 60, 90), series("a", 35)]);
    const taken = takeChanges();
    expect(taken.everything).toBe(false);
    expect(Object.fromEntries(taken.earliestByMetric)).toEqual({ a: 30, b: 60 });
    // A metric with no samples is not noted, and taking starts a fresh record.
    expect(takeChanges().earliestByMetric.size).toBe(0);
  });

  it("notes nothing for an empty batch, and everything when told", () => {
    noteStored([]);
    noteEverythingChanged();
    const taken = takeChanges();
    expect(taken.earliestByMetric.size).toBe(0);
    expect(taken.everything).toBe(true);
  });
});
