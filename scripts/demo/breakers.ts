// Demo breakers: one per demo service's riskiest dependency, with a history that follows the
// incidents in demo-traffic.ts (the gateway's breaker trips during its 6-hourly error bursts, the
// checkout's during its 5-daily one…), so the detail page's band lines up with the burn-rate
// spikes. Recorded through the breaker event API's service, as any other reporter would; reports
// are idempotent, so running the seed twice adds nothing.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../lib/domain/slo-math";
import type { BreakerEventInput } from "../../lib/schemas/breaker";
import { reportBreakerEvents } from "../../lib/server/services/breakers";

type State = BreakerEventInput["state"];
type Breaker = { service: string; dependency: string; breaker: string; failureThreshold: number };
/** Offsets into one incident (ms) and the state entered then. */
type Pattern = [number, State][];

const S = 1000;

/** Each incident's breaker states, for every incident start in the last `days` before `now`. */
function history(b: Breaker, starts: number[], pattern: Pattern, now: number): BreakerEventInput[] {
  const events: BreakerEventInput[] = [];
  for (const start of starts) {
    for (const [offset, state] of pattern) {
      const at = start + offset;
      if (at <= now) events.push({ ...b, state, at: new Date(at) });
    }
  }
  return events;
}

function incidentStarts(now: number, days: number, everyMs: number, atMs: number): number[] {
  const starts: number[] = [];
  const first = Math.ceil((now - days * DAY_MS - atMs) / everyMs) * everyMs + atMs;
  for (let t = first; t <= now; t += everyMs) starts.push(t);
  return starts;
}

export function demoBreakerEvents(now: number, days = 30): BreakerEventInput[] {
  // Anchored to whole days and hours, so a later seed repeats these instants rather than shifting them.
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  const hour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const begin = day - days * DAY_MS;
  const gateway: Breaker = { service: "payments-gateway", dependency: "card-processor", breaker: "processor-charges", failureThreshold: 50 };
  const checkout: Breaker = { service: "checkout", dependency: "payments-gateway", breaker: "gateway-client", failureThreshold: 50 };
  const accounts: Breaker = { service: "accounts", dependency: "session-store", breaker: "redis-sessions", failureThreshold: 10 };
  const catalog: Breaker = { service: "catalog", dependency: "search-index", breaker: "elasticsearch", failureThreshold: 50 };
  const notifications: Breaker = { service: "notifications", dependency: "sms-provider", breaker: "sms-send", failureThreshold: 25 };
  const closedFrom = (b: Breaker): BreakerEventInput => ({ ...b, state: "closed", at: new Date(begin) });
  return [
    ...[gateway, checkout, accounts, catalog, notifications].map(closedFrom),
    // 40-minute bursts every 6 h: trips, probes fail twice, then recovers as the burst ends.
    ...history(gateway, incidentStarts(now, days, 6 * HOUR_MS, 0), [
      [3 * MINUTE_MS, "open"], [4 * MINUTE_MS, "half-open"], [4 * MINUTE_MS + 5 * S, "open"],
      [9 * MINUTE_MS, "half-open"], [9 * MINUTE_MS + 4 * S, "open"], [19 * MINUTE_MS, "half-open"],
      [19 * MINUTE_MS + 3 * S, "open"], [41 * MINUTE_MS, "half-open"], [41 * MINUTE_MS + 20 * S, "closed"],
    ], now),
    // Checkout's 20-minute incident every 5 days at 14:00.
    ...history(checkout, incidentStarts(now, days, 5 * DAY_MS, 14 * HOUR_MS), [
      [2 * MINUTE_MS, "open"], [2 * MINUTE_MS + 30 * S, "half-open"], [2 * MINUTE_MS + 31 * S, "open"],
      [12 * MINUTE_MS, "half-open"], [21 * MINUTE_MS, "closed"],
    ], now),
    // Sign-in's daily 10-minute wobble at 09:00: the session store flaps.
    ...history(accounts, incidentStarts(now, days, DAY_MS, 9 * HOUR_MS), [
      [MINUTE_MS, "open"], [4 * MINUTE_MS, "half-open"], [4 * MINUTE_MS + 10 * S, "closed"],
      [5 * MINUTE_MS, "open"], [8 * MINUTE_MS, "half-open"], [11 * MINUTE_MS, "closed"],
    ], now),
    // Search: one long ejection, 9 days ago.
    ...history(catalog, [day - 9 * DAY_MS + 3 * HOUR_MS], [[0, "open"], [15 * MINUTE_MS, "half-open"], [16 * MINUTE_MS, "closed"]], now),
    // SMS: flapping since the top of the previous hour and open now, so the list has something open.
    ...history(notifications, [hour - HOUR_MS + 20 * MINUTE_MS], [
      [0, "open"], [5 * MINUTE_MS, "half-open"], [5 * MINUTE_MS + 5 * S, "closed"], [9 * MINUTE_MS, "open"],
      [14 * MINUTE_MS, "half-open"], [14 * MINUTE_MS + 5 * S, "closed"], [20 * MINUTE_MS, "open"],
      [25 * MINUTE_MS, "half-open"], [25 * MINUTE_MS + 8 * S, "open"],
    ], now),
  ].map((e) => ({ ...e, failureRate: e.state === "closed" ? 2 : Math.min(99, (e.failureThreshold ?? 50) + 20) }));
}

/** Seeds the demo breakers; returns how many transitions were new. */
export async function seedDemoBreakers(now = Date.now()): Promise<number> {
  const events = demoBreakerEvents(now);
  let transitions = 0;
  for (let i = 0; i < events.length; i += 1000) transitions += (await reportBreakerEvents(events.slice(i, i + 1000))).transitions;
  return transitions;
}
