// Demo data for `npm run demo`: services, SLOs and 30 days of their metrics at 5-minute spacing.
// Idempotent: a second run adds only the samples since the first (see demo-traffic.ts).
import { closeIngest, storeSamples, type StoreSeries } from "../lib/server/ingest/store";
import { upsertService } from "../lib/server/repos/services";
import { listSlos } from "../lib/server/repos/slos";
import { createSlo } from "../lib/server/services/slos";
import { disconnectDb } from "../lib/server/db";
import type { SloInputRaw } from "../lib/schemas/slo";
import { CATALOG_BUCKETS, DEMO_TRAFFIC, errors, requests } from "./demo-traffic";
import { seedDemoReplication } from "./demo/replication";
import { seedDemoFmea } from "./demo/fmea";
import { seedDemoPostmortems } from "./demo/postmortems";
import { seedDemoBreakers } from "./demo/breakers";
import { seedDemoNotifications } from "./demo/notifications";

const STEP = 5 * 60_000;
const DAYS = 30;

const DEMO_SERVICES = [
  { slug: "checkout", name: "Checkout", team: "payments", description: "Takes orders and charges cards." },
  { slug: "payments-gateway", name: "Payments gateway", team: "payments", description: "Talks to the card processors." },
  { slug: "catalog", name: "Catalog", team: "storefront", description: "Product listings and search." },
  { slug: "accounts", name: "Accounts", team: "identity", description: "Sign-in, profiles and sessions." },
  { slug: "notifications", name: "Notifications", team: "platform", description: "Email, SMS and push delivery." },
];

const ratio = (slug: string): SloInputRaw["sli"] => ({
  kind: "ratio",
  bad: { metric: "http_requests_errors_total", matchers: { service: slug } },
  total: { metric: "http_requests_total", matchers: { service: slug } },
});

const DEMO_SLOS: SloInputRaw[] = [
  { name: "Checkout availability", service: "checkout", objective: "0.999", window: { kind: "rolling", days: 30 }, sli: ratio("checkout"), labels: {}, owner: "payments" },
  { name: "Gateway availability", service: "payments-gateway", objective: "0.995", window: { kind: "rolling", days: 28 }, sli: ratio("payments-gateway"), labels: {}, owner: "payments" },
  { name: "Sign-in availability", service: "accounts", objective: "0.999", window: { kind: "calendar", unit: "month", timeZone: "Europe/Berlin" }, sli: ratio("accounts"), labels: {}, owner: "identity" },
  { name: "Search under 250 ms", service: "catalog", objective: "0.95", window: { kind: "rolling", days: 7 }, sli: { kind: "latency", histogram: "http_request_duration_seconds", matchers: { service: "catalog" }, threshold: 0.25 }, labels: {}, owner: "storefront" },
];

function demoSeries(now: number): StoreSeries[] {
  const times: number[] = [];
  for (let t = Math.floor((now - DAYS * 86_400_000) / STEP) * STEP; t <= now; t += STEP) times.push(t);
  const series: StoreSeries[] = [];
  for (const service of DEMO_TRAFFIC) {
    const labels = { service: service.slug, job: service.slug };
    series.push({ metric: "http_requests_total", labels, samples: times.map((t) => ({ t, v: requests(t, service.base) })) });
    series.push({ metric: "http_requests_errors_total", labels, samples: times.map((t) => ({ t, v: errors(t, service) })) });
  }
  const catalog = { service: "catalog", job: "catalog" };
  for (const [le, share] of CATALOG_BUCKETS) {
    series.push({ metric: "http_request_duration_seconds_bucket", labels: { ...catalog, le }, samples: times.map((t) => ({ t, v: Math.floor(share * requests(t, 30)) })) });
  }
  series.push({ metric: "http_request_duration_seconds_count", labels: catalog, samples: times.map((t) => ({ t, v: requests(t, 30) })) });
  return series;
}

async function main() {
  for (const service of DEMO_SERVICES) await upsertService(service);
  const stored = await storeSamples(demoSeries(Date.now()));
  const existing = new Set((await listSlos()).map((s) => `${s.service}/${s.name}`));
  const missing = DEMO_SLOS.filter((slo) => !existing.has(`${slo.service}/${slo.name}`));
  for (const slo of missing) await createSlo(slo);
  await seedDemoReplication();
  console.log(`demo: ${await seedDemoBreakers()} new breaker transitions`);
  console.log(`demo: ${DEMO_SERVICES.length} services, ${missing.length} new SLOs, ${stored.accepted} new samples`);
  console.log(`demo: ${await seedDemoPostmortems()} new postmortems`);
  await seedDemoFmea(); // after the seeds whose events it links to
  console.log(`demo: ${await seedDemoNotifications()} new notifications`); // last: it reads the others' events
  await closeIngest(); // applies the samples to the rollups before this process ends
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
