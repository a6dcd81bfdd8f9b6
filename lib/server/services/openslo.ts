import "server-only";
import { Document, isPair, isScalar, LineCounter, parseAllDocuments, visit } from "yaml";
import { EMBEDDED } from "@/lib/schemas/datasource";
import { fieldIssues, type OpenSloBudgetingMethod, type OpenSloDocument, openSloDocumentSchema, type OpenSloSlo } from "@/lib/schemas/openslo";
import type { SloDefinition, SloInput } from "@/lib/schemas/slo";
import { AppError, type ErrorIssue } from "../errors";
import { findDataSourceByName } from "../repos/datasources";
import { findService, listServices } from "../repos/services";
import { type ImportedSlo, listSlos, saveImportedSlos } from "../repos/slos";
import { audited } from "../repos/audit";
import { SYSTEM_ACTOR } from "@/lib/domain/actor";
import { actorOf, assertCanWrite, type WriteContext } from "./team-access";
import { latencyThresholdProblem } from "./slos";
import { type MappedSli, openSloServiceOf, openSloSloOf, sliFromOpenSlo, sloFromOpenSlo } from "./openslo-mapping";

export type OpenSloFile = { name: string; content: string };
export type OpenSloImportResult = { created: number; updated: number; slos: SloDefinition[] };

type Path = (string | number)[];

/** One object of a file: a document, or an item when a document is a list of objects (the spec's examples do both). */
type Source = { file: string; index: Path; yaml: Document; yamlPath: Path; lines: LineCounter };
type Parsed<T> = { at: Source; doc: T };

/** Collects every problem before anything is written, each named by file, document and field. */
class Problems {
  readonly issues: ErrorIssue[] = [];

  add(at: Source, field: Path, message: string): void {
    this.issues.push({ path: [at.file, ...at.index, ...field], message: `${message} (line ${lineOf(at, field)})` });
  }

  addAll(at: Source, base: Path, issues: readonly { path: Path; message: string }[]): void {
    for (const issue of issues) this.add(at, [...base, ...issue.path], issue.message);
  }
}

/** The line of the deepest node along the path that exists (a missing field: its parent's line). */
function lineOf(at: Source, field: Path): number {
  for (let depth = field.length; depth >= 0; depth--) {
    const path = [...at.yamlPath, ...field.slice(0, depth)];
    const node = path.length === 0 ? at.yaml.contents : at.yaml.getIn(path, true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return at.lines.linePos(range[0]).line;
  }
  return 1;
}

// Objectives are kept as the decimal written (slo-math.md "Terms"): read target and targetPercent
// from the source text rather than through a float, so 0.9990 stays 0.9990.
function keepObjectivesAsWritten(yaml: Document): void {
  visit(yaml, {
    Pair(_, pair, path) {
      const list = path.at(-3);
      const isObjective = isPair(list) && isScalar(list.key) && list.key.value === "objectives";
      if (!isObjective || !isScalar(pair.key) || !isScalar(pair.value)) return;
      if ((pair.key.value === "target" || pair.key.value === "targetPercent") && typeof pair.value.value === "number" && pair.value.source) {
        pair.value.value = pair.value.source;
      }
    },
  });
}

function parseFile(file: OpenSloFile, problems: Problems): Parsed<OpenSloDocument>[] {
  const lines = new LineCounter();
  const parsed: Parsed<OpenSloDocument>[] = [];
  let hasProblems = false;
  parseAllDocuments(file.content, { lineCounter: lines, prettyErrors: false }).forEach((yaml, index) => {
    const source: Source = { file: file.name, index: [index], yaml, yamlPath: [], lines };
    if (yaml.errors.length > 0) {
      hasProblems = true;
      for (const error of yaml.errors) {
        const { line, col } = lines.linePos(error.pos[0]);
        problems.issues.push({ path: [file.name, index], message: `not valid YAML: ${error.message} (line ${line}, column ${col})` });
      }
      return;
    }
    keepObjectivesAsWritten(yaml);
    let value: unknown;
    try {
      value = yaml.toJS({ maxAliasCount: 100 });
    } catch (error) {
      hasProblems = true;
      return problems.add(source, [], `not valid YAML: ${(error as Error).message}`);
    }
    if (value === null || value === undefined) return; // an empty document, e.g. a trailing ---
    const items = Array.isArray(value) ? value.map((item, i) => ({ item, at: { ...source, index: [index, i], yamlPath: [i] } })) : [{ item: value, at: source }];
    for (const { item, at } of items) {
      const result = openSloDocumentSchema.safeParse(item);
      if (result.success) parsed.push({ at, doc: result.data });
      else {
        hasProblems = true;
        problems.addAll(at, [], fieldIssues(result.error.issues));
      }
    }
  });
  if (parsed.length === 0 && !hasProblems) problems.issues.push({ path: [file.name], message: "no OpenSLO documents" });
  return parsed;
}

type Located = { at: Source; base: Path; mapped: MappedSli };
type Candidate = { slo: Parsed<OpenSloSlo>; sli: Located; input: SloInput };

/** Every SLO of the files as a definition, or the problems; SLIs are resolved by name across all files. */
function mapDocuments(documents: Parsed<OpenSloDocument>[], problems: Problems): Candidate[] {
  // A thresholdMetric means a histogram bucket for Occurrences and a gauge for Timeslices, so an
  // SLI is read as each SLO that references it budgets (Occurrences when none does).
  const methods = new Map<string, Set<OpenSloBudgetingMethod>>();
  for (const { doc } of documents) {
    if (doc.kind !== "SLO" || !doc.spec.indicatorRef) continue;
    const set = methods.get(doc.spec.indicatorRef) ?? new Set();
    methods.set(doc.spec.indicatorRef, set.add(doc.spec.budgetingMethod as OpenSloBudgetingMethod));
  }
  const slis = new Map<string, { at: Source; mapped: Map<OpenSloBudgetingMethod, MappedSli | null> }>();
  for (const { at, doc } of documents) {
    if (doc.kind !== "SLI") continue;
    const seen = slis.get(doc.metadata.name);
    if (seen) problems.add(at, ["metadata", "name"], `an SLI named "${doc.metadata.name}" is already defined in ${seen.at.file} document ${seen.at.index.join(".")}`);
    const byMethod = new Map<OpenSloBudgetingMethod, MappedSli | null>();
    for (const method of methods.get(doc.metadata.name) ?? ["Occurrences" as const]) {
      const mapped = sliFromOpenSlo(doc.spec, method);
      if (!mapped.ok) problems.addAll(at, ["spec"], mapped.issues);
      byMethod.set(method, mapped.ok ? mapped.value : null);
    }
    if (!seen) slis.set(doc.metadata.name, { at, mapped: byMethod });
  }
  const candidates: Candidate[] = [];
  const keys = new Map<string, Source>();
  for (const { at, doc } of documents) {
    if (doc.kind !== "SLO") continue;
    let sli: Located | null = null;
    const method = doc.spec.budgetingMethod as OpenSloBudgetingMethod;
    if (doc.spec.indicator) {
      const mapped = sliFromOpenSlo(doc.spec.indicator.spec, method);
      if (mapped.ok) sli = { at, base: ["spec", "indicator", "spec"], mapped: mapped.value };
      else problems.addAll(at, ["spec", "indicator", "spec"], mapped.issues);
    } else {
      const ref = slis.get(doc.spec.indicatorRef!);
      if (!ref) problems.add(at, ["spec", "indicatorRef"], `no SLI document named "${doc.spec.indicatorRef}" in this import`);
      else if (ref.mapped.get(method)) sli = { at: ref.at, base: ["spec"], mapped: ref.mapped.get(method)! };
    }
    if (!sli) continue; // the SLI's own problems are already reported
    const input = sloFromOpenSlo(doc, sli.mapped);
    if (!input.ok) {
      problems.addAll(at, [], input.issues);
      continue;
    }
    const key = JSON.stringify([input.value.service, input.value.name]);
    const first = keys.get(key);
    if (first) {
      problems.add(at, ["metadata", "name"], `the SLO "${input.value.name}" of service "${input.value.service}" is already defined in ${first.file} document ${first.index.join(".")}`);
      continue;
    }
    keys.set(key, at);
    candidates.push({ slo: { at, doc }, sli, input: input.value });
  }
  return candidates;
}

/** What only the database can say: services and data sources exist, latency thresholds are bucket boundaries. */
async function resolve(documents: Parsed<OpenSloDocument>[], candidates: Candidate[], problems: Problems): Promise<ImportedSlo[]> {
  const services = new Map<string, string | null>();
  const serviceId = async (slug: string) => {
    if (!services.has(slug)) services.set(slug, (await findService(slug))?.id ?? null);
    return services.get(slug)!;
  };
  const missing = (slug: string) => `no service "${slug}" in Steadystate; create it first (POST /api/services): imports do not create services`;
  for (const { at, doc } of documents) {
    if (doc.kind === "Service" && !(await serviceId(doc.metadata.name))) problems.add(at, ["metadata", "name"], missing(doc.metadata.name));
  }
  const imported: ImportedSlo[] = [];
  for (const { slo, sli, input } of candidates) {
    const id = await serviceId(input.service);
    if (!id) problems.add(slo.at, ["spec", "service"], missing(input.service));
    let dataSourceId: string | null = null;
    if (input.dataSource !== EMBEDDED) {
      dataSourceId = (await findDataSourceByName(input.dataSource))?.id ?? null;
      if (!dataSourceId) problems.add(sli.at, [...sli.base, ...sli.mapped.dataSourcePath!], `no data source named "${input.dataSource}" (POST /api/datasources)`);
    }
    const thresholdProblem = await latencyThresholdProblem(input.sli);
    if (thresholdProblem) problems.add(sli.at, [...sli.base, ...sli.mapped.queryPath], thresholdProblem);
    if (id && (input.dataSource === EMBEDDED || dataSourceId)) imported.push({ refs: { serviceId: id, dataSourceId }, input });
  }
  return imported;
}

/**
 * Imports OpenSLO v1 files all or nothing: every file and document is parsed, validated and
 * mapped first; any problem refuses the whole import (422 naming file, document and field) and
 * stores nothing. Otherwise each SLO is created, or replaced when its service already has an SLO
 * of that name, in one transaction.
 */
export async function importOpenSlo(files: readonly OpenSloFile[], who: WriteContext = SYSTEM_ACTOR): Promise<OpenSloImportResult> {
  const actor = actorOf(who);
  const problems = new Problems();
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) problems.issues.push({ path: [file.name], message: "two files have this name; names must tell the files apart" });
    names.add(file.name);
  }
  const documents = files.flatMap((file) => parseFile(file, problems));
  const candidates = mapDocuments(documents, problems);
  const imported = await resolve(documents, candidates, problems);
  if (problems.issues.length > 0) {
    const count = problems.issues.length;
    throw new AppError("UNPROCESSABLE", `OpenSLO import refused: ${count} problem${count === 1 ? "" : "s"}; nothing was stored`, { issues: problems.issues });
  }
  // Every service the import writes to, each on its own: editor in one team does not import into another's.
  for (const service of new Set(imported.map((i) => i.input.service))) await assertCanWrite(who, { service });
  const before = new Map((await listSlos()).map((slo) => [slo.id, slo]));
  const saved = await audited(async (tx) => {
    const result = await saveImportedSlos(imported, tx);
    // One entry per SLO the import created or replaced, so each SLO's history shows it.
    const audit = result.map(({ id, isNew }, i) => {
      const { input } = imported[i]!;
      const name = `${input.service} / ${input.name}`;
      const old = before.get(id);
      const { exclusions: _e, createdAt: _c, updatedAt: _u, id: _id, ...previous } = old ?? ({} as SloDefinition);
      return { actor, action: isNew ? "slo.import-create" : "slo.import-update", entityType: "slo", entityId: id, summary: `${isNew ? "Created" : "Replaced"} SLO ${name} from an OpenSLO import`, before: old ? previous : null, after: { ...input } };
    });
    return { result, audit };
  });
  const byId = new Map((await listSlos()).map((slo) => [slo.id, slo]));
  return {
    created: saved.filter((s) => s.isNew).length,
    updated: saved.filter((s) => !s.isNew).length,
    slos: saved.flatMap((s) => byId.get(s.id) ?? []),
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Decimal places of the objective as stored, so "0.9990" is written 0.9990, not 0.999. */
function fractionDigits(objective: string): number {
  return objective.includes(".") ? objective.length - objective.indexOf(".") - 1 : 0;
}

/**
 * Every SLO as OpenSLO v1 YAML: per service that has SLOs, a Service document and then its SLOs
 * (each with its SLI inline), sorted by slug and name so the same data always exports the same
 * bytes, and importing the export changes nothing.
 */
export async function exportOpenSlo(): Promise<string> {
  const [slos, services] = await Promise.all([listSlos(), listServices()]);
  const sorted = [...slos].sort((a, b) => byText(a.service, b.service) || byText(a.name, b.name));
  const bySlug = new Map(services.map((s) => [s.slug, s]));
  const yamlDocuments: string[] = [];
  let service: string | null = null;
  for (const slo of sorted) {
    if (slo.service !== service) {
      service = slo.service;
      yamlDocuments.push(toYaml(openSloServiceOf(bySlug.get(service)!)));
    }
    yamlDocuments.push(toYaml(openSloSloOf(slo), slo.objective));
  }
  return yamlDocuments.join("---\n");
}

/** One SLO as the OpenSLO YAML the export writes for it (the detail page shows it). */
export function openSloYamlOf(slo: SloDefinition): string {
  return toYaml(openSloSloOf(slo), slo.objective);
}

function toYaml(document: object, objective?: string): string {
  const yaml = new Document(document);
  if (objective !== undefined) {
    const target = yaml.getIn(["spec", "objectives", 0, "target"], true);
    if (isScalar(target)) target.minFractionDigits = fractionDigits(objective);
  }
  // lineWidth 0: a long PromQL query stays on one line, as written.
  return yaml.toString({ lineWidth: 0 });
}
