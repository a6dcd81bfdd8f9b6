import { beforeEach, describe, expect, it } from "vitest";
import { POST as createMode } from "@/app/api/fmea/modes/route";
import { POST as createSheet } from "@/app/api/fmea/worksheets/route";
import { GET as exportRoute } from "@/app/api/fmea/worksheets/[id]/export/route";
import { POST as importRoute } from "@/app/api/fmea/worksheets/[id]/import/route";
import { db } from "@/lib/server/db";
import { createService } from "@/lib/server/services/services";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(async () => {
  await db().fmeaWorksheet.deleteMany();
  await resetDatabase();
  await createService({ slug: "checkout", name: "Checkout" });
});

async function sheet(title: string): Promise<string> {
  return (await (await call(createSheet, { method: "POST", json: { title, service: "checkout" } })).json()).id;
}
const exportAs = async (id: string, format: "csv" | "md") => call(exportRoute, { path: `/api/fmea/worksheets/${id}/export?format=${format}`, params: { id } });
const importCsv = (id: string, body: string) => call(importRoute, { method: "POST", params: { id }, body, headers: { "content-type": "text/csv" } });

const HEADER = "Item / function,Failure mode,Effect,S,Cause,Prevention control,O,Detection control,D,RPN,AP,Recommended action,Owner,Target date,Action taken,Revised S,Revised O,Revised D,Revised RPN,Revised AP,Links";

describe("FMEA CSV and Markdown", () => {
  it("exports CSV that imports back into another worksheet unchanged", async () => {
    const a = await sheet("Checkout");
    const rows = [
      { item: "Card charge", mode: "Processor times out", effect: 'Orders fail, "pay" button spins', severity: 8, cause: "Processor latency, no timeout", prevention: "Timeout 2 s", occurrence: 5, detectionControl: "Breaker, page alert", detection: 3, action: "Hedge requests", owner: "payments", targetDate: "2026-12-15", links: [{ kind: "breaker", ref: "checkout/payments/charge" }, { kind: "slo", ref: "s1" }] },
      { item: "Order store", mode: "Primary fails over", effect: "Writes refused\nfor 30 s", cause: "=HYPERLINK(\"x\") in a note", prevention: "-5 % headroom", severity: 7, occurrence: 3, detection: 2, actionTaken: "Retry writes once", revisedSeverity: 7, revisedOccurrence: 3, revisedDetection: 1 },
    ];
    for (const row of rows) expect((await call(createMode, { method: "POST", json: { worksheetId: a, row } })).status).toBe(201);

    const first = await exportAs(a, "csv");
    expect(first.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(first.headers.get("content-disposition")).toBe('attachment; filename="checkout.fmea.csv"');
    const csv = await first.text();
    expect(csv.split("\n")[0]).toBe(HEADER);
    expect(csv).toContain('"Orders fail, ""pay"" button spins"');
    expect(csv).toContain("breaker:checkout/payments/charge slo:s1");
    // Formula-like text is written so spreadsheets show it rather than run it.
    expect(csv).toContain(`"'=HYPERLINK(""x"") in a note",'-5 % headroom`);

    const b = await sheet("Checkout copy");
    const imported = await importCsv(b, csv);
    expect(imported.status).toBe(201);
    expect((await imported.json()).imported).toBe(2);
    expect(await (await exportAs(b, "csv")).text()).toBe(csv);
  });

  it("refuses a file with any bad row, naming each row and column, and imports nothing", async () => {
    const id = await sheet("Checkout");
    const csv = [
      "Item / function,Failure mode,Effect,S,O,D,Target date,Revised S,Links",
      "API,Timeout,Slow pages,7,4,5,,,",
      "API,Crash loop,Down,11,x,5,2026-02-30,,",
      "API,Bad deploy,Down,8,4,5,,3,",
      ",Missing item,Down,5,5,5,,,wiki:page",
    ].join("\n");
    const res = await importCsv(id, csv);
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.message).toBe("3 of 4 rows are invalid; nothing was imported");
    expect(body.error.issues!.map((i) => [i.path.join(" / "), i.message])).toEqual([
      ["rows / 2 / S", "from 1 to 10"],
      ["rows / 2 / O", "a whole number from 1 to 10"],
      ["rows / 2 / Target date", "a real calendar date"],
      ["rows / 3 / Revised S", "give all three revised ratings, or none"],
      ["rows / 4 / Item / function", "required"],
      ["rows / 4 / Links #1 (kind: one of slo, breaker, cluster, postmortem)", expect.stringContaining("Invalid option")],
    ]);
    expect(await db().failureMode.count()).toBe(0);
  });

  it("refuses unknown or missing columns, unreadable CSV and the wrong content type", async () => {
    const id = await sheet("Checkout");
    const header = await importCsv(id, "Item / function,Mode,S,O,D\nx,y,1,1,1\n");
    expect(header.status).toBe(422);
    expect(((await header.json()) as ErrorBody).error.issues!.map((i) => i.message)).toEqual([
      expect.stringMatching(/^unknown column "Mode"/),
      'missing column "Failure mode"',
      'missing column "Effect"',
    ]);
    const broken = await importCsv(id, `${HEADER}\n"unclosed,quote\n`);
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as ErrorBody).error.issues![0]!.path).toEqual(["csv"]);
    expect((await call(importRoute, { method: "POST", params: { id }, json: {} })).status).toBe(400);
    expect(await db().failureMode.count()).toBe(0);
  });

  it("exports Markdown with AP, RPN, revised scores and evidence", async () => {
    const id = await sheet("Checkout");
    await call(createMode, { method: "POST", json: { worksheetId: id, row: { item: "Card | charge", mode: "Timeout", effect: "Orders fail", severity: 8, occurrence: 5, detection: 3, revisedSeverity: 8, revisedOccurrence: 2, revisedDetection: 3 } } });
    const res = await exportAs(id, "md");
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const md = await res.text();
    expect(md).toContain("# FMEA: Checkout");
    expect(md).toContain("| medium | 120 | Card \\| charge | Timeout | Orders fail | 8 | 5 | 3 |");
    expect(md).toContain("| 8/2/3 → low (48) | 0 in 90 d |");
    expect((await call(exportRoute, { path: `/api/fmea/worksheets/${id}/export?format=xls`, params: { id } })).status).toBe(422);
  });
});
