import { describe, expect, it } from "vitest";
import { blamelessLint } from "@/lib/domain/blameless-lint";

const rules = (text: string, names: string[] = []) => blamelessLint(text, names).map((f) => `${f.rule}:${f.text}`);

describe("blamelessLint", () => {
  it.each([
    ["The on-call engineer should have rolled back sooner.", ["should-have:should have"]],
    ["We shouldn't have deployed on a Friday.", ["should-have:shouldn't have"]],
    ["A canary could have prevented this.", ["should-have:could have prevented"]],
    ["The team failed to notice the alert.", ["failed-to:failed to"]],
    ["Root cause: human error.", ["human-error:human error"]],
    ["A careless config change took the site down.", ["character:careless"]],
    ["It was his fault.", ["blame:his fault"]],
    ["Ops forgot to renew the certificate.", ["person-as-subject:Ops forgot", "forgot:forgot to"]], // a team is blamed too
    ["The fix was obviously wrong.", ["obviously:obviously"]],
    ["Alice ignored the page for 20 minutes.", ["person-as-subject:Alice ignored"]],
    ["Then Bob Smith didn't check the diff.", ["person-as-subject:Bob Smith didn't check"]],
    ["dana missed the ticket.", ["person-as-subject:dana missed"]],
  ])("flags %j", (text, expected) => {
    expect(rules(text, ["dana"])).toEqual(expected);
  });

  it.each([
    "The deploy at 14:02 raised the error ratio to 5 %.",
    "Checkout failed over to the replica at 14:07.",
    "The page went unanswered for 12 minutes because the escalation policy had one person on it.",
    "We rolled back at 14:20; error rates returned to normal by 14:24.",
    "It would have been worse during the evening peak.",
    "The certificate expired because renewal was a manual step with no reminder.",
    "The alert fired; nobody was paged because the route was muted.",
    "Postgres missed no writes during the failover.",
  ])("does not flag %j", (text) => {
    expect(rules(text)).toEqual([]);
  });

  it("gives the position, a message and a suggestion for each finding, in order", () => {
    const [first, second] = blamelessLint("Human error. Eve should have known.");
    expect(first).toMatchObject({ rule: "human-error", index: 0, length: 11 });
    expect(second).toMatchObject({ rule: "should-have", index: 17, length: 11 });
    expect(second!.suggestion).toMatch(/known at the time/);
  });
});
