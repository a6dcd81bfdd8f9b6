import { storeSamples } from "@/lib/server/ingest/store";
import { createService } from "@/lib/server/services/services";
import { createSlo } from "@/lib/server/services/slos";

export const NOW = new Date("2026-11-20T12:00:00Z");
export const MIN = 60_000;
export const at = (minutes: number) => new Date(NOW.getTime() + minutes * MIN);
export const DAY = 24 * 60;

/**
 * A quiet month, then 10,000 requests with 145 errors in the minute at −4 (alerts.test.ts's burst).
 * Period [−30d, 0): the first sample gives no delta, so valid = 990,000 + 10,000 = 1,000,000 and
 * bad = 255 + 145 = 400; allowed = 0.001 × 1,000,000 = 1000.
 */
export async function seedBurst() {
  await createService({ slug: "checkout", name: "Checkout" });
  const s = (metric: string, values: [number, number][]) => ({ metric, labels: {}, samples: values.map(([m, v]) => ({ t: at(m).getTime(), v })) });
  await storeSamples([
    s("req_total", [[-20 * DAY, 0], [-9 * DAY, 990_000], [-61, 990_000], [-4, 1_000_000]]),
    s("err_total", [[-20 * DAY, 0], [-9 * DAY, 255], [-61, 255], [-4, 400]]),
  ]);
  return createSlo({
    name: "availability", service: "checkout", objective: "0.999", window: { kind: "rolling", days: 30 }, labels: {},
    sli: { kind: "ratio", bad: { metric: "err_total", matchers: {} }, total: { metric: "req_total", matchers: {} } },
  });
}

export const body = (sloIds: string[], extra: Record<string, unknown> = {}) => ({
  author: "Dana", title: "Checkout errors after the card-token deploy", severity: "sev2",
  startedAt: at(-10).toISOString(), detectedAt: at(-6).toISOString(), mitigatedAt: at(-2).toISOString(), resolvedAt: NOW.toISOString(),
  authors: ["Dana"], sloIds, tags: ["deploy"], sections: { summary: "Checkout returned **errors** for 4 minutes." }, ...extra,
});

