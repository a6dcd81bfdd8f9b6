import "server-only";
import type { AnyValue, KeyValue } from "./otlp";

// How OTLP names and attribute values become Prometheus metric names and labels. The OTel metric
// name is kept (no unit or `_total` suffixes, unlike Prometheus' translator); only characters
// Prometheus does not allow are replaced, so names stay recognisable from the sender's code.

/**
 * Resource attributes become labels only as Prometheus maps them: `service.name` is also our
 * `service` label; `job` is `service.namespace/service.name` (or the name alone); `instance` is
 * `service.instance.id`. Other resource attributes are not labels (Prometheus puts them on
 * target_info, which we do not make).
 */
export function serviceLabels(attributes: KeyValue[]): Record<string, string> {
  const get = (key: string) => {
    const kv = attributes.find((a) => a.key === key);
    return kv ? anyValueToString(kv.value) : "";
  };
  const labels: Record<string, string> = {};
  const name = get("service.name");
  const namespace = get("service.namespace");
  const instance = get("service.instance.id");
  if (name) {
    labels.service = name;
    labels.job = namespace ? `${namespace}/${name}` : name;
  }
  if (instance) labels.instance = instance;
  return labels;
}

/**
 * Point attributes with sanitised names; resource-derived labels win over attributes of the same
 * name. Two keys that sanitise alike (`http.route`, `http_route`) get their values joined by ";"
 * in key order, as Prometheus does. Empty values are left out, as in remote write.
 */
export function pointLabels(attributes: KeyValue[], resourceLabels: Record<string, string>): Record<string, string> {
  const byName = new Map<string, [string, string][]>();
  for (const { key, value } of attributes) {
    const name = sanitizeLabelName(key);
    const text = anyValueToString(value);
    if (name === "" || text === "") continue;
    byName.set(name, [...(byName.get(name) ?? []), [key, text]]);
  }
  const labels: Record<string, string> = {};
  for (const [name, pairs] of byName) labels[name] = pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v).join(";");
  return { ...labels, ...resourceLabels };
}

/** The OTel name kept, with each character Prometheus does not allow in a metric name made `_`. */
export function sanitizeMetricName(name: string): string {
  const out = name.replace(/[^a-zA-Z0-9_:]/gu, "_");
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** As Prometheus' translator: invalid characters → `_`, a leading digit gets `key_`; `__` (reserved) gets `key`. */
export function sanitizeLabelName(key: string): string {
  let out = key.replace(/[^a-zA-Z0-9_]/gu, "_");
  if (/^[0-9]/.test(out)) out = `key_${out}`;
  if (out.startsWith("__")) out = `key${out}`;
  return out;
}

function anyValueToString(value: AnyValue | null | undefined): string {
  if (!value?.value) return "";
  const plain = anyValueToPlain(value);
  return typeof plain === "string" ? plain : JSON.stringify(plain);
}

/** Scalars as pdata's AsString writes them; arrays and maps as JSON. */
function anyValueToPlain(value: AnyValue): unknown {
  switch (value.value) {
    case "stringValue":
      return value.stringValue!;
    case "boolValue":
      return String(value.boolValue!);
    case "intValue":
      return String(value.intValue!);
    case "doubleValue":
      return formatFloat(value.doubleValue!);
    case "bytesValue":
      return Buffer.from(value.bytesValue!).toString("base64");
    case "arrayValue":
      return value.arrayValue!.values.map(anyValueToPlain);
    case "kvlistValue":
      return Object.fromEntries(value.kvlistValue!.values.map((kv) => [kv.key, kv.value ? anyValueToPlain(kv.value) : null]));
    default:
      return "";
  }
}

/**
 * A float as Go's strconv.FormatFloat(x, 'f', -1, 64), which Prometheus uses for `le`: the
 * shortest digits that round-trip, never an exponent ("0.5", "1e-7" → "0.0000001"), "+Inf".
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  const s = String(x);
  const e = s.indexOf("e");
  if (e === -1) return s;
  const sign = s.startsWith("-") ? "-" : "";
  const mantissa = s.slice(sign.length, e);
  const exponent = Number(s.slice(e + 1));
  const digits = mantissa.replace(".", "");
  const point = (mantissa.includes(".") ? mantissa.indexOf(".") : mantissa.length) + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
