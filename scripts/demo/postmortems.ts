// Demo postmortems for `npm run demo`: three incidents that really are in the demo traffic
// (scripts/demo-traffic.ts), so their budget figures and alert timelines are the app's own math.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../lib/domain/slo-math";
import { db } from "../../lib/server/db";
import { evaluateAlerts } from "../../lib/server/jobs/evaluate-alerts";
import { listEvents } from "../../lib/server/repos/events";
import { listSlos } from "../../lib/server/repos/slos";
import { changeStatus, commentOn, createPostmortem } from "../../lib/server/services/postmortems";
import { postmortemInputSchema, type PostmortemInput } from "../../lib/schemas/postmortem";
import { DEMO_TRAFFIC } from "../demo-traffic";

/** The start of the latest incident of a demo service that began at least `agoMs` before now. */
function lastIncident(slug: string, now: number, agoMs: number): number {
  const { everyMs, atMs } = DEMO_TRAFFIC.find((s) => s.slug === slug)!.incident;
  return Math.floor((now - agoMs - atMs) / everyMs) * everyMs + atMs;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * Runs the alert job minute by minute across an incident, as it would have run had the app been
 * up then, so the alert events a timeline is drafted from are the job's own.
 */
async function replayAlerts(from: number, to: number): Promise<void> {
  for (let t = from; t <= to; t += MINUTE_MS) await evaluateAlerts(new Date(t));
}

async function alertTimeline(sloId: string, from: number, to: number) {
  const events = await listEvents({ from: new Date(from), to: new Date(to), kinds: ["alert"], subjects: [sloId] });
  return events.map((e) => ({ id: `event-${e.id}`, at: e.at, text: e.title, source: { eventId: e.id, kind: e.kind } }));
}

export async function seedDemoPostmortems(now = Date.now()): Promise<number> {
  if ((await db().postmortem.count()) > 0) return 0;
  const slos = new Map((await listSlos()).map((s) => [s.name, s]));
  const checkout = slos.get("Checkout availability");
  const signIn = slos.get("Sign-in availability");
  const gateway = slos.get("Gateway availability");
  if (!checkout || !signIn || !gateway) return 0;

  const c = lastIncident("checkout", now, 8 * HOUR_MS);
  await replayAlerts(c - 2 * MINUTE_MS, c + 30 * MINUTE_MS);
  const checkoutInput: PostmortemInput = postmortemInputSchema.parse({
    author: "Priya N.", title: "Checkout errors after a card-token cache change", severity: "sev2",
    startedAt: iso(c), detectedAt: iso(c + 17 * MINUTE_MS), mitigatedAt: iso(c + 19 * MINUTE_MS), resolvedAt: iso(c + 20 * MINUTE_MS),
    authors: ["Priya N.", "Marco D."], sloIds: [checkout.id], tags: ["deploy", "cache"],
    sections: {
      summary: "For 20 minutes about **5 % of checkouts failed** with HTTP 502 after a config change shortened the card-token cache TTL to zero.",
      impact: "Customers saw \"payment could not be processed\" and most retried. The figures below count the failed requests against the 30-day budget.",
      trigger: "A config rollout set `token_cache_ttl` to `0s`; the schema accepted it as \"no expiry\" in staging and as \"no caching\" in production.",
      rootCauses: "- The two environments read the same key with different libraries.\n- The rollout went to 100 % at once: config changes skip the canary stage.\n- The token service had no rate limit, so every checkout called it directly.",
      detection: "The *page 1h/5m* burn-rate alert went pending 16 minutes in, once the last hour's burn rate passed 14.4, and fired a minute later. At 5 % errors a shorter incident would not have paged at all.",
      resolution: "Rolled the config back at +19 min; error rates were back at baseline by +20 min.",
      wentWell: "The burn-rate page fired within minutes, and the rollback was one command.",
      wentWrong: "Detection took 17 minutes: the page tier needs most of an hour's budget share before it fires. Nothing told the engineer which change was recent: the config rollout was not in the deploy log.",
      lucky: "It happened at a quiet hour; at the evening peak the same 20 minutes would have spent about three times the budget.",
      links: "- Runbook: checkout/card-tokens\n- Chat: #inc-checkout-tokens",
    },
    timeline: [
      { id: "hand-1", at: iso(c - MINUTE_MS), text: "Config rollout sets token_cache_ttl = 0s in production.", source: null },
      ...(await alertTimeline(checkout.id, c - 5 * MINUTE_MS, c + 40 * MINUTE_MS)),
      { id: "hand-2", at: iso(c + 19 * MINUTE_MS), text: "Config rolled back.", source: null },
    ],
    actionItems: [
      { title: "Send config changes through the canary stage", type: "prevent", owner: "Marco D." },
      { title: "Validate TTL values against one schema in every environment", type: "prevent", owner: "Priya N.", dueDate: iso(now - 2 * DAY_MS) },
      { title: "Show config rollouts in the deploy log", type: "detect", owner: "Jun K.", status: "in-progress" },
    ],
  });
  // The incident may be only hours old: saves are dated a day or two after it, but never in the future.
  const after = (t: number, orAgo: number) => new Date(Math.min(t, now - orAgo));
  const first = await createPostmortem(checkoutInput, after(c + DAY_MS, 3 * HOUR_MS));
  await changeStatus(first.id, { to: "in-review", author: "Priya N." }, after(c + DAY_MS + HOUR_MS, 2 * HOUR_MS));
  await commentOn(first.id, { section: "rootCauses", author: "Jun K.", body: "Worth adding why the schema accepted 0s: the validator treats 0 as unset." });
  await changeStatus(first.id, { to: "published", author: "Jun K." }, after(c + 2 * DAY_MS, HOUR_MS));

  const a = lastIncident("accounts", now, 2 * HOUR_MS);
  const second = await createPostmortem(postmortemInputSchema.parse({
    author: "Marco D.", title: "Sign-in errors during the morning session-store failover", severity: "sev3",
    startedAt: iso(a), detectedAt: iso(a + 6 * MINUTE_MS), resolvedAt: iso(a + 10 * MINUTE_MS), authors: ["Marco D."], sloIds: [signIn.id], tags: ["database", "failover"],
    sections: {
      summary: "Sign-in failed for 2 % of attempts for 10 minutes while the session store failed over.",
      impact: "Sign-in is already over its monthly budget; this added to it.",
      rootCauses: "The session store's client keeps connections to the old primary until they time out (30 s each).",
      detection: "Noticed from the support queue; the burn-rate alert was already firing for the month's overspend, so it did not stand out.",
    },
    actionItems: [{ title: "Shorten the session-store client's failover timeout", type: "mitigate", owner: "Marco D." }],
  }), new Date(a + HOUR_MS));
  await changeStatus(second.id, { to: "in-review", author: "Marco D." }, new Date(a + 2 * HOUR_MS));
  await commentOn(second.id, { section: "detection", author: "Priya N.", body: "Could we page on a change in burn rate, not only its level?" });

  const g = lastIncident("payments-gateway", now, 12 * HOUR_MS);
  await createPostmortem(postmortemInputSchema.parse({
    author: "Jun K.", title: "Gateway error bursts from the card processor's retries", severity: "sev4",
    startedAt: iso(g), mitigatedAt: iso(g + 40 * MINUTE_MS), sloIds: [gateway.id], tags: ["third-party"],
    sections: { summary: "Every six hours the processor's batch job slows its API and 3 % of our calls fail for about 40 minutes." },
  }), new Date(g + 2 * HOUR_MS));
  return 3;
}
