// The life of one alert tier of one SLO, evaluated every minute (slo-math.md "Multi-window,
// multi-burn-rate alerts"): a tier whose condition holds is pending; holding again at the next
// evaluation makes it firing; a firing tier that stops holding is resolved. A pending tier that
// stops holding at once is dropped without ever paging, which keeps one-minute blips quiet.

import { MINUTE_MS } from "./slo-math";

export type AlertState = "inactive" | "pending" | "firing";
export type AlertTransitionTo = "pending" | "firing" | "resolved" | "inactive";

export type AlertStateRecord = { state: AlertState; since: Date };

export type AlertStep = {
  next: AlertStateRecord;
  /** Present when the state changed: what to store, with the numbers that caused it. */
  transition?: { from: AlertState; to: AlertTransitionTo };
};

/** How long a tier must hold while pending before it fires: one evaluation interval. */
export const MIN_PENDING_MS = MINUTE_MS;

export function nextAlertState(previous: AlertStateRecord | null, fires: boolean, now: Date): AlertStep {
  const current = previous ?? { state: "inactive", since: now };
  const move = (state: AlertState, to: AlertTransitionTo): AlertStep => ({ next: { state, since: now }, transition: { from: current.state, to } });
  switch (current.state) {
    case "inactive":
      return fires ? move("pending", "pending") : { next: current };
    case "pending":
      if (!fires) return move("inactive", "inactive");
      // An evaluation repeated within the minute (a restart, a second instance) must not skip ahead.
      return now.getTime() - current.since.getTime() >= MIN_PENDING_MS ? move("firing", "firing") : { next: current };
    case "firing":
      return fires ? { next: current } : move("inactive", "resolved");
  }
}
