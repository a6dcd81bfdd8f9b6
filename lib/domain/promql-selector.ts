// OpenSLO metric sources carry PromQL. Steadystate counts one selector's series with equality
// matchers, so only queries that say exactly that can be imported; anything else is refused with
// the reason, never approximated. The aggregation wrappers people write around a counter
// (sum, rate, increase) are accepted and dropped: the SLO's own window decides the range.
import { LABEL_NAME, METRIC_NAME } from "./ingest-limits";

export type PromSelector = { metric: string; matchers: Record<string, string> };
export type SelectorParse = { ok: true; selector: PromSelector } | { ok: false; message: string };

const HINT = 'write one selector such as metric_name{label="value"}, optionally inside sum(), rate() or increase()';
const WRAPPERS = ["sum", "rate", "increase"];
const IDENT = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const RANGE = /\[\s*(\d+(ms|[smhdwy]))+\s*\]$/;
const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'", "`": "`" };

class Refusal extends Error {}

/** Index just past the quoted string starting at `start`, and its value (Go/PromQL escapes). */
function readString(text: string, start: number): [number, string] {
  const quote = text[start];
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return [i + 1, value];
    if (c !== "\\" || quote === "`") {
      value += c;
      continue;
    }
    const e = text[++i];
    if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      value += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (e !== undefined && e in ESCAPES) value += ESCAPES[e];
    else throw new Refusal(`the escape \\${e ?? ""} in a label value is not supported`);
  }
  throw new Refusal("a quoted label value is not closed");
}

/** Index of the parenthesis closing the one at `open`, skipping quoted strings; -1 if unbalanced. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") i = readString(text, i)[0] - 1;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

/** The argument of `fn(…)` when the whole query is that one call, else null. */
function unwrap(query: string, fn: string): string | null {
  const head = new RegExp(`^${fn}\\s*\\(`).exec(query);
  if (!head) return null;
  const open = head[0].length - 1;
  const close = closingParen(query, open);
  if (close !== query.length - 1) return null;
  return query.slice(open + 1, close).trim();
}

function parseMatchers(body: string, matchers: Record<string, string>): void {
  let i = 0;
  const skip = () => {
    while (i < body.length && /\s/.test(body[i]!)) i++;
  };
  for (skip(); i < body.length; skip()) {
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(body.slice(i))?.[0];
    if (!name) throw new Refusal(`expected a label name at "${body.slice(i, i + 20)}"`);
    i += name.length;
    skip();
    const op = /^(=~|!=|!~|=)/.exec(body.slice(i))?.[0];
    if (!op) throw new Refusal(`expected = after the label ${name}`);
    i += op.length;
    skip();
    if (!`"'\``.includes(body[i] ?? "")) throw new Refusal(`expected a quoted value for the label ${name}`);
    const [end, value] = readString(body, i);
    if (op !== "=") {
      throw new Refusal(`the matcher ${name}${op}${body.slice(i, end)} is ${op.includes("~") ? "a regex" : "a negation"}; only equality matchers (label="value") can be mapped`);
    }
    if (name in matchers) throw new Refusal(`the label ${name} is matched twice`);
    matchers[name] = value;
    i = end;
    skip();
    if (i < body.length && body[i] !== ",") throw new Refusal(`expected , or } after the label ${name}`);
    i++;
  }
}

function parseSelector(text: string): PromSelector {
  let metric = IDENT.exec(text)?.[0] ?? "";
  let rest = text.slice(metric.length).trim();
  if (rest.startsWith("(")) {
    const why = WRAPPERS.includes(metric) ? `this use of ${metric}() cannot be mapped` : `the function ${metric}() cannot be mapped`;
    throw new Refusal(`${why}; ${HINT}`);
  }
  const matchers: Record<string, string> = {};
  if (rest.startsWith("{")) {
    let close = -1;
    for (let i = 1; i < rest.length && close < 0; i++) {
      if (rest[i] === '"' || rest[i] === "'" || rest[i] === "`") i = readString(rest, i)[0] - 1;
      else if (rest[i] === "}") close = i;
    }
    if (close < 0) throw new Refusal("the label matchers are not closed with }");
    parseMatchers(rest.slice(1, close), matchers);
    rest = rest.slice(close + 1).trim();
  }
  if (rest !== "") {
    if (RANGE.test(rest)) throw new Refusal(`a range selector needs rate() or increase() around it; ${HINT}`);
    throw new Refusal(`"${rest.slice(0, 40)}" after the selector cannot be mapped (operators, offset and @ are not supported); ${HINT}`);
  }
  if ("__name__" in matchers) {
    if (metric !== "") throw new Refusal("the metric is named twice (name and __name__)");
    metric = matchers.__name__;
    delete matchers.__name__;
  }
  if (!METRIC_NAME.test(metric)) throw new Refusal(`no metric name; ${HINT}`);
  for (const name of Object.keys(matchers)) {
    if (!LABEL_NAME.test(name) || name.startsWith("__")) throw new Refusal(`the label ${name} is reserved`);
  }
  return { metric, matchers };
}

/** The selector a query counts, or why it cannot be mapped. */
export function parsePromSelector(query: string): SelectorParse {
  try {
    let q = query.trim();
    const fn = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\(/.exec(q)?.[1];
    if (fn && !WRAPPERS.includes(fn)) throw new Refusal(`the function ${fn}() cannot be mapped; ${HINT}`);
    if (/^(sum|count|avg|min|max)\s*(by|without)\b/.test(q) || /\)\s*(by|without)\s*\(/.test(q)) {
      throw new Refusal("grouping (by/without) cannot be mapped: Steadystate sums every matching series");
    }
    q = unwrap(q, "sum") ?? q;
    const counted = unwrap(q, "rate") ?? unwrap(q, "increase");
    if (counted !== null) {
      if (!RANGE.test(counted)) throw new Refusal(`rate() and increase() need a range such as [5m]; ${HINT}`);
      q = counted.replace(RANGE, "").trim();
    }
    return { ok: true, selector: parseSelector(q) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: `cannot map the query: ${error.message}` };
    throw error;
  }
}

/** `metric{a="b",c="d"}` with labels sorted, so the same selector always prints the same. */
export function formatPromSelector(selector: PromSelector): string {
  const labels = Object.keys(selector.matchers).sort();
  if (labels.length === 0) return selector.metric;
  return `${selector.metric}{${labels.map((l) => `${l}=${JSON.stringify(selector.matchers[l])}`).join(",")}}`;
}
