import { describe, expect, it } from "vitest";
import { filterSlos, parseSloFilter, type SloRow } from "@/components/slo/slo-filter";

const row = (name: string, service: string, status: string, remaining: number, burn: number, team: string | null, labels: Record<string, string> = {}): SloRow =>
  ({ id: name, name, service, status, budget: { remaining }, fastestBurnRate: burn, team, labels });
const rows = [
  row("Checkout availability", "checkout", "warning", 0.4, 15, "payments", { tier: "1" }),
  row("Gateway availability", "payments-gateway", "ok", 0.9, 0.5, "payments", { tier: "2" }),
  row("Search latency", "catalog", "breached", -0.2, 3, "storefront"),
  row("Sign-in", "accounts", "no-data", 1, 0, null, { tier: "1" }),
];
const names = (f: Record<string, string>) => filterSlos(rows, parseSloFilter(f)).map((r) => r.name);

describe("SLO list filters", () => {
  it.each([
    [{}, ["Search latency", "Checkout availability", "Gateway availability", "Sign-in"]],
    [{ sort: "burn" }, ["Checkout availability", "Search latency", "Gateway availability", "Sign-in"]],
    [{ sort: "name" }, ["Checkout availability", "Gateway availability", "Search latency", "Sign-in"]],
    [{ sort: "nonsense" }, ["Search latency", "Checkout availability", "Gateway availability", "Sign-in"]],
    [{ team: "payments" }, ["Checkout availability", "Gateway availability"]],
    [{ status: "no-data" }, ["Sign-in"]],
    [{ service: "catalog" }, ["Search latency"]],
    [{ label: "tier=1" }, ["Checkout availability", "Sign-in"]],
    [{ label: "tier" }, ["Checkout availability", "Gateway availability", "Sign-in"]],
    [{ q: "AVAIL" }, ["Checkout availability", "Gateway availability"]],
    [{ q: "gateway", team: "storefront" }, []],
  ])("%j", (params, expected) => {
    expect(names(params)).toEqual(expected);
  });
});
