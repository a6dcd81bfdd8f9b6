// Demo data for `npm run demo`: a small fleet of services. Idempotent: running it twice changes nothing.
import { upsertService } from "../lib/server/repos/services";
import { disconnectDb } from "../lib/server/db";

const DEMO_SERVICES = [
  { slug: "checkout", name: "Checkout", team: "payments", description: "Takes orders and charges cards." },
  { slug: "payments-gateway", name: "Payments gateway", team: "payments", description: "Talks to the card processors." },
  { slug: "catalog", name: "Catalog", team: "storefront", description: "Product listings and search." },
  { slug: "accounts", name: "Accounts", team: "identity", description: "Sign-in, profiles and sessions." },
  { slug: "notifications", name: "Notifications", team: "platform", description: "Email, SMS and push delivery." },
];

async function main() {
  for (const service of DEMO_SERVICES) await upsertService(service);
  console.log(`seeded ${DEMO_SERVICES.length} demo services`);
  await disconnectDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
