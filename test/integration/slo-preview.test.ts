import { beforeEach, describe, expect, it } from "vitest";
import { GET as list } from "@/app/api/slos/route";
import { POST as preview } from "@/app/api/slos/preview/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { createService } from "@/lib/server/services/services";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const MIN = 60_000;
const HOUR = 3_600_000;

const definition = {
  name: "availability", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 },
  sli: { kind: "ratio", bad: { metric: "err_total" }, total: { metric: "req_total" } },
};

describe("POST /api/slos/preview", () => {
  it("computes an unsaved SLO's figures and its SLI hour by hour over the last day, storing nothing", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    // Whole minutes, well inside their hours, so the hour each lands in is certain.
    const minute = Math.floor(Date.now() / MIN) * MIN;
    const hourEnd = minute; // the preview's last hour ends at the current minute
    const t1 = hourEnd - 3 * HOUR - 30 * MIN;
    const t2 = hourEnd - 30 * MIN;
    await storeSamples([
      { metric: "req_total", labels: {}, samples: [{ t: hourEnd - 2 * 86_400_000, v: 0 }, { t: t1, v: 1000 }, { t: t2, v: 1400 }] },
      { metric: "err_total", labels: {}, samples: [{ t: hourEnd - 2 * 86_400_000, v: 0 }, { t: t1, v: 50 }, { t: t2, v: 54 }] },
    ]);
    const res = await call(preview, { method: "POST", json: definition }); // read access: any reader may preview
    expect(res.status).toBe(200);
    const { figures, hours } = await res.json();
    // Window: 1,400 requests, 54 errors at 0.99 → allowed 14, consumed 54 / 14.
    expect(figures.budget).toMatchObject({ good: 1346, valid: 1400, bad: 54, allowed: 14 });
    expect(hours).toHaveLength(24);
    const withData = hours.filter((h: { valid: number }) => h.valid > 0);
    // Increases land in the minute of the sample that shows them: 1,000 (50 errors) three and a
    // half hours ago, 400 (4 errors) half an hour ago.
    expect(withData).toEqual([
      { start: new Date(hourEnd - 4 * HOUR).toISOString(), good: 950, valid: 1000, sli: 0.95 },
      { start: new Date(hourEnd - HOUR).toISOString(), good: 396, valid: 400, sli: 0.99 },
    ]);
    expect(hours[0].sli).toBeNull(); // no traffic is neither good nor bad

    const { slos } = await (await call(list)).json();
    expect(slos).toEqual([]);
  });

  it("gives field errors for what a save would refuse", async () => {
    await createService({ slug: "checkout", name: "Checkout" });
    const bad = await call(preview, { method: "POST", json: { ...definition, objective: "1.5", service: "Checkout!" } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.issues!.map((i) => i.path.join(".")).sort()).toEqual(["objective", "service"]);
    const unknown = await call(preview, { method: "POST", json: { ...definition, service: "nope" } });
    expect(((await unknown.json()) as ErrorBody).error.issues).toEqual([{ path: ["service"], message: "no service with this slug" }]);
  });
});
