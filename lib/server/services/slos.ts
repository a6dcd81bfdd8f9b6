import "server-only";
import { type ExclusionInput, type Sli, type SloExclusion, type SloDefinition, type SloInput, type SloInputRaw, sloInputSchema } from "@/lib/schemas/slo";
import { bucketBoundaries, leLabel } from "../datasources/embedded";
import { AppError, notFound } from "../errors";
import * as repo from "../repos/slos";
import { findService, listServices } from "../repos/services";
import { findDataSourceByName } from "../repos/datasources";
import { EMBEDDED } from "@/lib/schemas/datasource";
import { computeSlo, evaluateSlo, sourceFor, windowSpec } from "./slo-status";
import { HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";
import { windowBounds } from "@/lib/domain/window-bounds";
import type { SloDetailQuery } from "@/lib/schemas/slo-series";
import type { SloListQuery } from "@/lib/schemas/slo-list";
import { seriesStep, sloSeries } from "./slo-series";
import { prefetchSloCounts } from "./slo-prefetch";
import { listAlertStates, listAlertTransitions } from "../repos/alerts";
import { audited } from "../repos/audit";
import { SYSTEM_ACTOR } from "@/lib/domain/actor";
import { actorOf, assertCanWrite, type WriteContext } from "./team-access";

const sloName = (slo: Pick<SloDefinition, "service" | "name">) => `${slo.service} / ${slo.name}`;
// What the log keeps of an SLO: its definition; exclusions have entries of their own.
const auditedFields = ({ exclusions: _own, ...definition }: SloDefinition) => definition;

/**
 * Why a latency SLI's threshold is refused, or null: it must be one of the histogram's bucket
 * boundaries; never interpolate (slo-math.md). No data yet: nothing to check against, and the
 * check runs again on every save.
 */
export async function latencyThresholdProblem(sli: Sli): Promise<string | null> {
  if (sli.kind !== "latency") return null;
  const boundaries = await bucketBoundaries(sli.histogram, sli.matchers);
  if (boundaries.length === 0 || boundaries.includes(leLabel(sli.threshold))) return null;
  return `le="${leLabel(sli.threshold)}" is not a bucket boundary of ${sli.histogram}; the boundaries that exist are ${boundaries.join(", ")}`;
}

async function checkLatencyThreshold(input: SloInput): Promise<void> {
  const problem = await latencyThresholdProblem(input.sli);
  if (problem) throw new AppError("UNPROCESSABLE", problem, { issues: [{ path: ["sli", "threshold"], message: problem }] });
}

async function refsOf(input: SloInput): Promise<repo.SloRefs> {
  const service = await findService(input.service);
  if (!service) throw new AppError("UNPROCESSABLE", `unknown service "${input.service}"`, { issues: [{ path: ["service"], message: "no service with this slug" }] });
  if (input.dataSource === EMBEDDED) return { serviceId: service.id, dataSourceId: null };
  const dataSource = await findDataSourceByName(input.dataSource);
  if (!dataSource) throw new AppError("UNPROCESSABLE", `unknown data source "${input.dataSource}"`, { issues: [{ path: ["dataSource"], message: "no data source with this name" }] });
  return { serviceId: service.id, dataSourceId: dataSource.id };
}

export async function getSlo(id: string): Promise<SloDefinition> {
  const slo = await repo.findSlo(id);
  if (!slo) throw notFound(`SLO "${id}"`);
  return slo;
}

/**
 * `who` is who asks (routes pass ctx.principal, checked against the service's team); scripts and
 * tests that leave it out act as the system.
 */
export async function createSlo(raw: SloInputRaw, who: WriteContext = SYSTEM_ACTOR): Promise<SloDefinition> {
  const input = sloInputSchema.parse(raw);
  await assertCanWrite(who, { service: input.service });
  const actor = actorOf(who);
  await checkLatencyThreshold(input);
  const refs = await refsOf(input);
  return audited(async (tx) => {
    const slo = await repo.createSlo(refs, input, tx);
    return { result: slo, audit: { actor, action: "slo.create", entityType: "slo", entityId: slo.id, summary: `Created SLO ${sloName(slo)}`, after: auditedFields(slo) } };
  });
}

export async function updateSlo(id: string, raw: SloInputRaw, who: WriteContext = SYSTEM_ACTOR): Promise<SloDefinition> {
  const input = sloInputSchema.parse(raw);
  const before = await getSlo(id);
  // Both teams: the one that owns it now and the one it would move to.
  await assertCanWrite(who, { slos: [id] });
  await assertCanWrite(who, { service: input.service });
  const actor = actorOf(who);
  await checkLatencyThreshold(input);
  const refs = await refsOf(input);
  return audited(async (tx) => {
    const slo = await repo.updateSlo(id, refs, input, tx);
    return { result: slo, audit: { actor, action: "slo.update", entityType: "slo", entityId: id, summary: `Updated SLO ${sloName(slo)}`, before: auditedFields(before), after: auditedFields(slo) } };
  });
}

export async function deleteSlo(id: string, who: WriteContext = SYSTEM_ACTOR): Promise<void> {
  const before = await getSlo(id);
  await assertCanWrite(who, { slos: [id] });
  const actor = actorOf(who);
  await audited(async (tx) => {
    await repo.deleteSlo(id, tx);
    return { result: undefined, audit: { actor, action: "slo.delete", entityType: "slo", entityId: id, summary: `Deleted SLO ${sloName(before)}`, before: auditedFields(before) } };
  });
}

export async function listSloStatuses(now: Date) {
  return evaluateAll(await repo.listSlos(), now);
}

/**
 * GET /api/slos: every SLO's figures as the API promises them, and the heavy parts (each tier
 * with its counts, groups, exclusions applied, timeslice budget) only when `include`d; the
 * detail, GET /api/slos/{id}, always has them all.
 */
export async function listSloSummaries(now: Date, query: SloListQuery = { include: [] }) {
  const wanted = new Set(query.include);
  return (await listSloStatuses(now)).map(({ tiers, groups, groupsTruncated, exclusions, timeslice, ...figures }) => ({
    ...figures,
    ...(wanted.has("tiers") ? { tiers } : {}),
    ...(wanted.has("groups") ? { groups, groupsTruncated } : {}),
    ...(wanted.has("exclusions") ? { exclusions } : {}),
    ...(wanted.has("timeslice") ? { timeslice } : {}),
  }));
}

async function evaluateAll(slos: readonly SloDefinition[], now: Date) {
  await prefetchSloCounts(slos, now);
  return Promise.all(slos.map((slo) => evaluateSlo(slo, now)));
}

/** One SLO's figures, its window, and budget remaining and SLI over the window at a step. */
export async function getSloStatus(id: string, now: Date, query: SloDetailQuery = { stepMs: undefined }) {
  const slo = await getSlo(id);
  const window = windowBounds(windowSpec(slo.window), now);
  const stepMs = seriesStep(slo, window, query); // a refused step costs no evaluation
  const [evaluation, series] = await Promise.all([evaluateSlo(slo, now), sloSeries(slo, window, stepMs)]);
  return { ...evaluation, definition: slo, series };
}

/** Where each tier stands and every transition, newest first, with the numbers behind it. */
export async function getSloAlerts(id: string) {
  await getSlo(id);
  const [states, transitions] = await Promise.all([listAlertStates(id), listAlertTransitions(id)]);
  return { states, transitions };
}

export async function listExclusions(id: string) {
  return { exclusions: (await getSlo(id)).exclusions };
}

export async function addExclusion(id: string, input: ExclusionInput, who: WriteContext = SYSTEM_ACTOR) {
  const slo = await getSlo(id);
  await assertCanWrite(who, { slos: [id] });
  const actor = actorOf(who);
  const saved = await audited<SloExclusion | { overlaps: SloExclusion }>(async (tx) => {
    const result = await repo.addExclusion(id, input, tx);
    if ("overlaps" in result) return { result, audit: null };
    const summary = `Added a ${result.kind} exclusion to SLO ${sloName(slo)}: ${result.reason}`;
    return { result, audit: { actor, action: "slo-exclusion.create", entityType: "slo", entityId: id, summary, after: { exclusion: result } } };
  });
  if ("overlaps" in saved) {
    const o = saved.overlaps;
    const message = `overlaps the exclusion "${o.reason}" (${o.start} – ${o.end}); events would be removed twice: change or delete that one first`;
    throw new AppError("CONFLICT", message, { issues: [{ path: ["start"], message }] });
  }
  return saved;
}

export async function deleteExclusion(id: string, exclusionId: string, who: WriteContext = SYSTEM_ACTOR): Promise<void> {
  const slo = await getSlo(id);
  await assertCanWrite(who, { slos: [id] });
  const actor = actorOf(who);
  await audited(async (tx) => {
    const removed = await repo.deleteExclusion(id, exclusionId, tx);
    if (!removed) throw notFound(`exclusion "${exclusionId}"`);
    const summary = `Removed the ${removed.kind} exclusion "${removed.reason}" from SLO ${sloName(slo)}`;
    return { result: undefined, audit: { actor, action: "slo-exclusion.delete", entityType: "slo", entityId: id, summary, before: { exclusion: removed } } };
  });
}

const PREVIEW_HOURS = 24;

/**
 * What an SLO would show if saved now, and its SLI hour by hour over the last day, validated as a
 * save would be (schema, service, data source, bucket boundary) but storing nothing.
 */
export async function previewSlo(input: SloInput, now: Date) {
  await checkLatencyThreshold(input);
  await refsOf(input);
  const stamp = now.toISOString();
  const slo: SloDefinition = { ...input, id: "preview", createdAt: stamp, updatedAt: stamp, exclusions: [] };
  const source = await sourceFor(slo, now);
  const end = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const [figures, hours] = await Promise.all([
    computeSlo(slo, source, now),
    Promise.all(
      Array.from({ length: PREVIEW_HOURS }, async (_, i) => {
        const start = new Date(end - (PREVIEW_HOURS - i) * HOUR_MS);
        const { good, valid } = await source.counts({ start, end: new Date(start.getTime() + HOUR_MS) });
        // Same reconciling as the figures: never more good than valid.
        return { start: start.toISOString(), good: Math.min(good, valid), valid, sli: valid > 0 ? Math.min(good, valid) / valid : null };
      }),
    ),
  ]);
  return { figures, hours };
}
export const findSlo = (id: string) => repo.findSlo(id);

/** Every SLO's figures with what the list filters on: its labels and its service's team. */
export async function listSloRows(now: Date) {
  const [definitions, services] = await Promise.all([repo.listSlos(), listServices()]);
  const evaluations = await evaluateAll(definitions, now);
  const labels = new Map(definitions.map((d) => [d.id, d.labels]));
  const teams = new Map(services.map((s) => [s.slug, s.team ?? null]));
  return evaluations.map((e) => ({ ...e, labels: labels.get(e.id) ?? {}, team: teams.get(e.service) ?? null }));
}
