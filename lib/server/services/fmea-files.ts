import "server-only";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { LINK_KINDS } from "@/lib/domain/fmea-evidence";
import { failureModeInputSchema, type FailureModeInput, type FailureModeView, type WorksheetView } from "@/lib/schemas/fmea";
import { AppError, type ErrorIssue } from "../errors";

type Field = Exclude<keyof FailureModeInput, "links">;
type Column = { header: string; field?: Field | "links"; rating?: boolean; derived?: (m: FailureModeView) => string };

const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** The worksheet's columns, in the order the handbook's form lists them; export and import share them. */
const COLUMNS: Column[] = [
  { header: "Item / function", field: "item" },
  { header: "Failure mode", field: "mode" },
  { header: "Effect", field: "effect" },
  { header: "S", field: "severity", rating: true },
  { header: "Cause", field: "cause" },
  { header: "Prevention control", field: "prevention" },
  { header: "O", field: "occurrence", rating: true },
  { header: "Detection control", field: "detectionControl" },
  { header: "D", field: "detection", rating: true },
  { header: "RPN", derived: (m) => String(m.score.rpn) },
  { header: "AP", derived: (m) => m.score.ap },
  { header: "Recommended action", field: "action" },
  { header: "Owner", field: "owner" },
  { header: "Target date", field: "targetDate" },
  { header: "Action taken", field: "actionTaken" },
  { header: "Revised S", field: "revisedSeverity", rating: true },
  { header: "Revised O", field: "revisedOccurrence", rating: true },
  { header: "Revised D", field: "revisedDetection", rating: true },
  { header: "Revised RPN", derived: (m) => text(m.revisedScore?.rpn) },
  { header: "Revised AP", derived: (m) => m.revisedScore?.ap ?? "" },
  // Space-separated kind:ref pairs, e.g. "slo:ck1 breaker:checkout/payments/charge".
  { header: "Links", field: "links" },
];

function cell(m: FailureModeView, c: Column): string {
  if (c.derived) return c.derived(m);
  if (c.field === "links") return m.links.map((l) => `${l.kind}:${l.ref}`).join(" ");
  const value = m[c.field!];
  return typeof value === "number" ? String(value) : (value ?? "");
}

// A spreadsheet runs a cell that starts like a formula (CSV injection): such text is written with a
// leading apostrophe, which spreadsheets hide and the import takes off again.
const FORMULA_START = /^[=+\-@\t\r]/;
const defuse = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
const restore = (text: string) => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

export function worksheetCsv(sheet: WorksheetView): string {
  return stringify([COLUMNS.map((c) => c.header), ...sheet.modes.map((m) => COLUMNS.map((c) => defuse(cell(m, c))))]);
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");

export function worksheetMarkdown(sheet: WorksheetView, now: Date): string {
  const lines = [`# FMEA: ${md(sheet.title)}`, ""];
  if (sheet.service) lines.push(`Service: ${md(sheet.service.name)} (\`${sheet.service.slug}\`)`, "");
  if (sheet.description) lines.push(md(sheet.description), "");
  lines.push(`Sorted by action priority (AIAG-VDA 2019), then RPN. Evidence: the last 90 days to ${now.toISOString().slice(0, 10)}.`, "");
  lines.push("| AP | RPN | Item / function | Failure mode | Effect | S | O | D | Cause | Prevention / detection | Recommended action | Owner | Target | Revised S/O/D | Evidence |");
  lines.push("|---|---:|---|---|---|---:|---:|---:|---|---|---|---|---|---|---|");
  for (const m of sheet.modes) {
    const revised = m.revisedScore ? `${m.revisedSeverity}/${m.revisedOccurrence}/${m.revisedDetection} → ${m.revisedScore.ap} (${m.revisedScore.rpn})` : "";
    const evidence = [`${m.evidence.occurrences} in 90 d`, ...m.evidence.flags.map((f) => `review ${f.rating}: ${f.message}`)].join("; ");
    const cells = [m.score.ap, String(m.score.rpn), m.item, m.mode, m.effect, String(m.severity), String(m.occurrence), String(m.detection), m.cause, `${m.prevention} / ${m.detectionControl}`, m.action, m.owner, m.targetDate ?? "", revised, evidence];
    lines.push(`| ${cells.map(md).join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}

export const MAX_IMPORT_ROWS = 2000;

function parseLinks(value: string): { kind: string; ref: string }[] {
  return value.split(/\s+/).filter(Boolean).map((pair) => {
    const colon = pair.indexOf(":");
    return colon < 0 ? { kind: pair, ref: "" } : { kind: pair.slice(0, colon), ref: pair.slice(colon + 1) };
  });
}

/** A rating cell: digits become a number; blank is null; anything else stays text for zod to refuse. */
function ratingCell(value: string): number | string | null {
  const v = value.trim();
  if (v === "") return null;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/**
 * Rows of a CSV in the export's layout, every one validated before any is returned: one issue per
 * bad field, named by row number (1 = the first row under the header) and column header. Throws
 * 422 with all of them, so the caller imports nothing when any row is wrong.
 */
export function parseWorksheetCsv(content: string): FailureModeInput[] {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    throw new AppError("UNPROCESSABLE", "the file is not readable CSV", { issues: [{ path: ["csv"], message: (error as Error).message }] });
  }
  const [header, ...rows] = records;
  if (!header) throw new AppError("UNPROCESSABLE", "the file is empty", { issues: [{ path: ["csv"], message: "no header row" }] });
  const byHeader = new Map(COLUMNS.map((c) => [c.header.toLowerCase(), c]));
  const issues: ErrorIssue[] = [];
  header.forEach((h, i) => {
    if (!byHeader.has(h.trim().toLowerCase())) issues.push({ path: ["header", i + 1], message: `unknown column "${h}"; columns are ${COLUMNS.map((c) => c.header).join(", ")}` });
  });
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  for (const required of ["Item / function", "Failure mode", "Effect", "S", "O", "D"]) {
    if (!present.has(required.toLowerCase())) issues.push({ path: ["header"], message: `missing column "${required}"` });
  }
  if (rows.length > MAX_IMPORT_ROWS) issues.push({ path: ["csv"], message: `at most ${MAX_IMPORT_ROWS} rows at once` });
  if (rows.length === 0) issues.push({ path: ["csv"], message: "no rows under the header" });
  if (issues.length > 0) throw new AppError("UNPROCESSABLE", "the CSV header does not match the worksheet's columns", { issues });

  const columns = header.map((h) => byHeader.get(h.trim().toLowerCase())!);
  const parsed: FailureModeInput[] = [];
  rows.forEach((values, index) => {
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const value = restore(values[i] ?? "");
      if (c.derived || !c.field) return;
      if (c.field === "links") row.links = parseLinks(value);
      else if (c.rating) row[c.field] = ratingCell(value);
      else if (c.field === "targetDate") row.targetDate = value.trim() === "" ? null : value.trim();
      else row[c.field] = value;
    });
    const result = failureModeInputSchema.safeParse(row);
    if (result.success) parsed.push(result.data);
    else for (const issue of result.error.issues) issues.push({ path: ["rows", index + 1, headerOf(issue.path)], message: issue.message });
  });
  if (issues.length > 0) throw new AppError("UNPROCESSABLE", `${new Set(issues.map((i) => i.path[1])).size} of ${rows.length} rows are invalid; nothing was imported`, { issues });
  return parsed;
}

/** The column a zod issue path points at, as the user wrote it in the file. */
function headerOf(path: PropertyKey[]): string {
  const [field, index, sub] = path;
  if (field === "links") return `Links${typeof index === "number" ? ` #${index + 1}${sub === "kind" ? ` (kind: one of ${LINK_KINDS.join(", ")})` : ""}` : ""}`;
  return COLUMNS.find((c) => c.field === field)?.header ?? String(field);
}
