// Demo FMEA worksheets for `npm run demo`: believable failure modes for the demo services, linked
// to the demo SLOs and to whatever breaker, replication and postmortem events the other demo seeds
// wrote (run it after them), so the evidence column has something real to say. Idempotent: a
// worksheet whose title exists is left as it is.
import type { EventKind } from "../../lib/domain/events";
import { DAY_MS } from "../../lib/domain/slo-math";
import { failureModeInputSchema, type FailureModeInputRaw, type FmeaLinkInput } from "../../lib/schemas/fmea";
import { listEvents } from "../../lib/server/repos/events";
import { createFailureModes, createWorksheet, listWorksheets } from "../../lib/server/repos/fmea";
import { listSlos } from "../../lib/server/repos/slos";

type DemoMode = Omit<FailureModeInputRaw, "links"> & { slos?: string[]; discover?: { kind: EventKind; service: string }[] };
type DemoSheet = { title: string; service: string; description: string; modes: DemoMode[] };

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

const SHEETS: DemoSheet[] = [
  {
    title: "Checkout",
    service: "checkout",
    description: "From cart to confirmed order. Reviewed after each checkout postmortem.",
    modes: [
      {
        item: "Place order → charge card", mode: "Payment gateway calls time out", effect: "Orders fail at the last step; customers retry and some are charged twice",
        severity: 8, cause: "Card processor latency spikes; the client used the 30 s default timeout", prevention: "2 s timeout, idempotency keys on charge", occurrence: 4,
        detectionControl: "Breaker on the gateway call; page on Checkout availability burn", detection: 3,
        action: "Hedge authorisation to the secondary processor after 800 ms", owner: "payments", targetDate: inDays(30),
        slos: ["Checkout availability"], discover: [{ kind: "breaker", service: "checkout" }, { kind: "postmortem", service: "checkout" }],
      },
      {
        item: "Order store", mode: "Duplicate order on client retry", effect: "Customer charged twice; refunds by hand",
        severity: 9, cause: "Mobile app retried without an idempotency key", prevention: "Idempotency key required since app 4.2", occurrence: 2,
        detectionControl: "Nightly reconciliation job", detection: 7, action: "Reject charges without a key at the gateway", owner: "payments", targetDate: inDays(14),
        actionTaken: "Key enforced for web clients", revisedSeverity: 9, revisedOccurrence: 1, revisedDetection: 4, slos: ["Checkout availability"],
      },
      {
        item: "Order store (PostgreSQL)", mode: "Primary fails; writes refused during failover", effect: "Orders fail for up to a minute",
        severity: 7, cause: "Host failure, kernel upgrades", prevention: "Synchronous standby; rolling upgrades", occurrence: 3,
        detectionControl: "Replication probe and automated failover", detection: 2, action: "Retry order writes once across failover", owner: "platform",
        slos: ["Checkout availability"], discover: [{ kind: "failover", service: "checkout" }, { kind: "replication", service: "checkout" }],
      },
      {
        item: "Cart", mode: "Session store evicts carts under memory pressure", effect: "Customers find an empty cart and leave",
        severity: 5, cause: "Redis maxmemory policy allkeys-lru on a shared instance", prevention: "Memory alert at 80 %", occurrence: 5,
        detectionControl: "None beyond support tickets", detection: 8, action: "Move carts to the orders database", owner: "storefront", targetDate: inDays(45),
      },
      {
        item: "Order confirmation", mode: "Confirmation email not sent", effect: "Customers unsure the order went through; support tickets",
        severity: 4, cause: "Notifications queue backlog during sales", prevention: "Queue workers autoscale on depth", occurrence: 6,
        detectionControl: "Queue age alert (ticket)", detection: 6, action: "Show the confirmation on the order page whatever the email does", owner: "storefront",
      },
    ],
  },
  {
    title: "Payments gateway",
    service: "payments-gateway",
    description: "Talks to the card processors on checkout's behalf.",
    modes: [
      {
        item: "Processor API", mode: "Rate limited by the card processor", effect: "Authorisations refused in bursts during sales",
        severity: 7, cause: "No client-side rate limit; retries multiply the burst", prevention: "Retry budget of 10 %", occurrence: 5,
        detectionControl: "Breaker per processor; Gateway availability page", detection: 4, action: "Token bucket per processor at 90 % of the contract", owner: "payments", targetDate: inDays(21),
        slos: ["Gateway availability"], discover: [{ kind: "breaker", service: "payments-gateway" }, { kind: "postmortem", service: "payments-gateway" }],
      },
      {
        item: "mTLS to processor", mode: "Client certificate expires", effect: "Every authorisation fails until it is renewed",
        severity: 8, cause: "Certificate renewed by hand once a year", prevention: "Calendar reminder", occurrence: 3,
        detectionControl: "Certificate expiry check (30 days ahead, ticket)", detection: 4, action: "Automate renewal with the secrets manager", owner: "payments", targetDate: inDays(60),
      },
      {
        item: "Webhooks", mode: "Signature check rejects valid callbacks after key rotation", effect: "Refunds and disputes not recorded",
        severity: 6, cause: "Old key dropped before the processor switched", prevention: "Two keys accepted during rotation", occurrence: 2,
        detectionControl: "Webhook rejection rate alert", detection: 5, action: "", owner: "payments",
      },
    ],
  },
  {
    title: "Catalog",
    service: "catalog",
    description: "Listings and search.",
    modes: [
      {
        item: "Search", mode: "Index rebuild saturates the search cluster", effect: "Searches slow past 1 s for all users",
        severity: 6, cause: "Full reindex scheduled during the day", prevention: "Reindex throttled to 2 shards at a time", occurrence: 6,
        detectionControl: "Search latency SLO burn alert", detection: 5, action: "Rebuild into a new index and swap the alias", owner: "storefront", targetDate: inDays(20),
        slos: ["Search under 250 ms"], discover: [{ kind: "postmortem", service: "catalog" }],
      },
      {
        item: "Price import", mode: "Stale prices shown after a failed import", effect: "Orders at yesterday's price; manual corrections",
        severity: 7, cause: "Import job fails silently on a malformed supplier file", prevention: "Schema check on the supplier file", occurrence: 3,
        detectionControl: "Someone notices on the site", detection: 9, action: "Alert when the last successful import is older than 26 h", owner: "storefront",
      },
    ],
  },
];

/** Subjects of the other demo seeds' events of that kind for that service, newest three. */
async function discovered(kind: EventKind, service: string): Promise<FmeaLinkInput[]> {
  const now = new Date();
  const events = await listEvents({ from: new Date(now.getTime() - 90 * DAY_MS), to: now, kinds: [kind], services: [service], limit: 5000 });
  const linkKind = kind === "breaker" ? "breaker" : kind === "postmortem" ? "postmortem" : "cluster";
  const subjects = [...new Set(events.map((e) => e.subject).reverse())].slice(0, 3);
  return subjects.map((ref) => ({ kind: linkKind, ref }));
}

export async function seedDemoFmea(): Promise<void> {
  const existing = new Set((await listWorksheets()).map((w) => w.title));
  const sloIds = new Map((await listSlos()).map((s) => [`${s.service}/${s.name}`, s.id]));
  let created = 0;
  for (const sheet of SHEETS.filter((s) => !existing.has(s.title))) {
    const worksheet = await createWorksheet({ title: sheet.title, service: sheet.service, description: sheet.description });
    const rows = [];
    for (const { slos = [], discover = [], ...mode } of sheet.modes) {
      const links: FmeaLinkInput[] = slos.flatMap((name) => {
        const id = sloIds.get(`${sheet.service}/${name}`);
        return id ? [{ kind: "slo" as const, ref: id }] : [];
      });
      for (const d of discover) links.push(...(await discovered(d.kind, d.service)));
      rows.push(failureModeInputSchema.parse({ ...mode, links }));
    }
    created += (await createFailureModes(worksheet.id, rows)).length;
  }
  console.log(`demo: FMEA ${created} new failure modes`);
}
