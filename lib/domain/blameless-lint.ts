// A rule-based check for blame and hindsight phrasing (no network, no model). Each finding says
// where it is and what to write instead; the author decides. Rules follow the blameless-writing
// advice of the Google SRE book ("Postmortem Culture") and Etsy's Debriefing Facilitation Guide.

export type LintFinding = { rule: string; index: number; length: number; text: string; message: string; suggestion: string };

type Rule = { rule: string; pattern: RegExp; message: string; suggestion: string };

const HINDSIGHT = "Hindsight: it judges the past by what is known now.";
const BLAME = "Blame: it points at a person rather than at the conditions.";

const RULES: Rule[] = [
  { rule: "should-have", pattern: /\b(?:should(?:n['’]t| not)? have|ought to have|(?:could|would) have (?:prevented|avoided|caught|noticed|known|stopped))\b/gi, message: HINDSIGHT, suggestion: "Describe what was known at the time and why the action made sense then." },
  { rule: "failed-to", pattern: /\bfail(?:ed|s)? to\b/gi, message: HINDSIGHT, suggestion: "Say what happened instead: \"the check did not run\", \"the page went unanswered for 12 minutes\"." },
  { rule: "human-error", pattern: /\b(?:human|operator|user|pilot) error\b/gi, message: BLAME, suggestion: "Name the conditions that made the mistake easy: tooling, defaults, alerts, load, time of day." },
  { rule: "character", pattern: /\b(?:careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|lazy|incompetent|reckless(?:ly)?|stupid|dumb|irresponsible)\b/gi, message: BLAME, suggestion: "Describe the action and its context, not a person's character." },
  { rule: "blame", pattern: /\b(?:(?:was|were|is|are) to blame|(?:his|her|their|my|your) fault|fault of|blamed?)\b/gi, message: BLAME, suggestion: "Describe the contributing factors; several usually line up." },
  { rule: "forgot", pattern: /\b(?:forgot(?:ten)? to|neglected to|didn['’]t bother|did not bother)\b/gi, message: BLAME, suggestion: "Ask what would have reminded anyone: a checklist, an alert, a default." },
  { rule: "obviously", pattern: /\b(?:obvious(?:ly)?|clearly|simply)\b/gi, message: HINDSIGHT, suggestion: "What is obvious now was not then; explain what the signals looked like at the time." },
];

// Capitalised words that start sentences or name things, not people: never taken for a name.
const NOT_NAMES = new Set(
  "The This That These Those It We They He She You I Our Their Nobody Someone Somebody Everyone Nothing Something One Another Each Every No Then When While After Before During Because Since If Once A An And But So Also Later Finally Meanwhile Here There".split(" "),
);
const FAILURE_VERBS = String.raw`(?:forgot|neglected|(?:ignored|missed|overlooked)(?! (?:no|nothing|none)\b)|messed up|screwed up|broke (?:the|prod|production)|didn['’]t (?:check|notice|test|read|follow|see)|did not (?:check|notice|test|read|follow|see))`;

/** A person's name as the subject of a failure: "Alice forgot …", "Bob ignored the alert". */
function nameFindings(text: string, names: string[]): LintFinding[] {
  const known = names.map((n) => n.trim()).filter((n) => n.length > 1).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const subject = [String.raw`[A-Z][a-z]+(?: [A-Z][a-z]+)?`, ...known].join("|");
  const pattern = new RegExp(String.raw`\b(${subject})\s+${FAILURE_VERBS}\b`, "g");
  const findings: LintFinding[] = [];
  for (const match of text.matchAll(pattern)) {
    const name = match[1]!;
    if (NOT_NAMES.has(name.split(" ")[0]!)) continue;
    findings.push({
      rule: "person-as-subject",
      index: match.index,
      length: match[0].length,
      text: match[0],
      message: `${BLAME} "${name}" is the subject of a failure.`,
      suggestion: "Make the system the subject: \"the deploy went out without the migration check\", and say what made that easy.",
    });
  }
  return findings;
}

/**
 * Every finding in `text`, in order of position. `names` are people known to the postmortem
 * (authors, owners), caught as subjects even when they are not capitalised.
 */
export function blamelessLint(text: string, names: string[] = []): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const { rule, pattern, message, suggestion } of RULES) {
    for (const match of text.matchAll(pattern)) {
      findings.push({ rule, index: match.index, length: match[0].length, text: match[0], message, suggestion });
    }
  }
  findings.push(...nameFindings(text, names));
  return findings.sort((a, b) => a.index - b.index || a.rule.localeCompare(b.rule));
}
