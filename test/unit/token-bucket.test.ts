import { describe, expect, it } from "vitest";
import { fullBucket, takeTokens } from "@/lib/domain/token-bucket";

const limits = { ratePerSec: 10, capacity: 20 };

describe("takeTokens", () => {
  it.each([
    // [tokens before, ms since last, cost, allowed?, tokens after, retry-after s]
    { name: "full bucket pays a cost", tokens: 20, elapsed: 0, cost: 5, isAllowed: true, after: 15, retry: 0 },
    { name: "exactly the tokens there", tokens: 5, elapsed: 0, cost: 5, isAllowed: true, after: 0, retry: 0 },
    { name: "refills at the rate: 0.5 s is 5 tokens", tokens: 0, elapsed: 500, cost: 5, isAllowed: true, after: 0, retry: 0 },
    { name: "never above capacity", tokens: 15, elapsed: 10_000, cost: 1, isAllowed: true, after: 19, retry: 0 },
    { name: "one short waits the whole second up", tokens: 4, elapsed: 0, cost: 5, isAllowed: false, after: 4, retry: 1 },
    { name: "15 short at 10/s waits 2 s", tokens: 0, elapsed: 0, cost: 15, isAllowed: false, after: 0, retry: 2 },
    { name: "a cost above capacity is told to wait for a full bucket", tokens: 0, elapsed: 0, cost: 50, isAllowed: false, after: 0, retry: 2 },
    { name: "a clock stepping back refills nothing", tokens: 3, elapsed: -5_000, cost: 4, isAllowed: false, after: 3, retry: 1 },
  ])("$name", ({ tokens, elapsed, cost, isAllowed, after, retry }) => {
    const decision = takeTokens({ tokens, updatedMs: 1_000_000 }, limits, cost, 1_000_000 + elapsed);
    expect(decision.isAllowed).toBe(isAllowed);
    expect(decision.state.tokens).toBeCloseTo(after, 10);
    expect(decision.retryAfterSec).toBe(retry);
  });

  it("a refused request costs nothing, so waiting Retry-After lets it through", () => {
    let state = fullBucket(limits, 0);
    state = takeTokens(state, limits, 20, 0).state;
    const refused = takeTokens(state, limits, 12, 100);
    expect(refused.isAllowed).toBe(false);
    expect(refused.retryAfterSec).toBe(2); // 1 token there, 11 missing at 10/s
    expect(takeTokens(refused.state, limits, 12, 100 + refused.retryAfterSec * 1000).isAllowed).toBe(true);
  });

  it("keeps time moving forward after a backwards step", () => {
    const decision = takeTokens({ tokens: 0, updatedMs: 5_000 }, limits, 1, 4_000);
    expect(decision.state.updatedMs).toBe(5_000);
  });
});
