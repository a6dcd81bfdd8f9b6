import { describe, expect, it } from "vitest";
import { nextAlertState, type AlertStateRecord } from "@/lib/domain/alert-state";

const t = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));

/** Runs a sequence of evaluations, one a minute, and lists the transitions. */
function run(fires: boolean[]) {
  let state: AlertStateRecord | null = null;
  const transitions: string[] = [];
  fires.forEach((f, minute) => {
    const step = nextAlertState(state, f, t(minute));
    state = step.next;
    if (step.transition) transitions.push(`${minute}:${step.transition.from}->${step.transition.to}`);
  });
  return { transitions, state: state as AlertStateRecord | null };
}

describe("nextAlertState", () => {
  it.each([
    ["never holds", [false, false, false], []],
    ["a one-minute blip stays pending and is dropped", [false, true, false], ["1:inactive->pending", "2:pending->inactive"]],
    ["two minutes in a row fire, then resolve", [true, true, true, false], ["0:inactive->pending", "1:pending->firing", "3:firing->resolved"]],
    ["fires again after resolving", [true, true, false, true, true], ["0:inactive->pending", "1:pending->firing", "2:firing->resolved", "3:inactive->pending", "4:pending->firing"]],
  ])("%s", (_name, fires, expected) => {
    expect(run(fires).transitions).toEqual(expected);
  });

  it("does not fire on a second evaluation within the same minute", () => {
    const pending = nextAlertState(null, true, t(0)).next;
    expect(nextAlertState(pending, true, new Date(t(0).getTime() + 30_000))).toEqual({ next: pending });
    expect(nextAlertState(pending, true, t(1)).transition).toEqual({ from: "pending", to: "firing" });
  });

  it("keeps the time the current state began", () => {
    const { state } = run([true, true, true, true]);
    expect(state).toEqual({ state: "firing", since: t(1) });
  });
});
