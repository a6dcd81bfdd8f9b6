import "server-only";
import { db } from "../db";

/**
 * A resource whose owning team(s) a write must be checked against. Every kind leads to services,
 * whose `team` names a Team by slug: an SLO's service; an exclusion's SLO; a postmortem's affected
 * SLOs (their services as the postmortem recorded them); an action item's postmortem; a worksheet's
 * service; a failure mode's worksheet; a replication cluster's service.
 */
export type OwnedRef =
  | { service: string }
  | { serviceId: string | null }
  | { slos: readonly string[] }
  | { postmortem: string }
  | { actionItem: string }
  | { worksheet: string }
  | { failureMode: string }
  | { cluster: string }
  /** A team named directly (a new or changed service's `team`). */
  | { team: string | null };

type Found = { ids: string[]; slugs: string[]; teams?: (string | null)[] };

async function serviceSlugsOf(ref: OwnedRef): Promise<Found> {
  const none = { ids: [], slugs: [] };
  const client = db();
  if ("team" in ref) return { ids: [], slugs: [], teams: [ref.team] };
  if ("service" in ref) return { ids: [], slugs: [ref.service] };
  if ("serviceId" in ref) return ref.serviceId ? { ids: [ref.serviceId], slugs: [] } : none;
  if ("slos" in ref) {
    if (ref.slos.length === 0) return none;
    const rows = await client.slo.findMany({ where: { id: { in: [...ref.slos] } }, select: { serviceId: true } });
    return { ids: rows.map((r) => r.serviceId), slugs: [] };
  }
  if ("postmortem" in ref) {
    const rows = await client.postmortemSlo.findMany({ where: { postmortemId: ref.postmortem }, select: { service: true } });
    return { ids: [], slugs: rows.map((r) => r.service) };
  }
  if ("actionItem" in ref) {
    const item = await client.actionItem.findUnique({ where: { id: ref.actionItem }, select: { postmortemId: true } });
    return item ? serviceSlugsOf({ postmortem: item.postmortemId }) : none;
  }
  if ("worksheet" in ref) {
    const sheet = await client.fmeaWorksheet.findUnique({ where: { id: ref.worksheet }, select: { serviceId: true } });
    return sheet?.serviceId ? { ids: [sheet.serviceId], slugs: [] } : none;
  }
  if ("failureMode" in ref) {
    const mode = await client.failureMode.findUnique({ where: { id: ref.failureMode }, select: { worksheetId: true } });
    return mode ? serviceSlugsOf({ worksheet: mode.worksheetId }) : none;
  }
  const cluster = await client.replicationCluster.findUnique({ where: { id: ref.cluster }, select: { serviceId: true } });
  return cluster?.serviceId ? { ids: [cluster.serviceId], slugs: [] } : none;
}

/**
 * The owning team slugs of the referenced resources (null for a service with no team; nothing for a
 * resource or service that does not exist) and which of those slugs exist as Teams.
 */
export async function owningTeams(refs: readonly OwnedRef[]): Promise<{ owners: (string | null)[]; existing: Set<string> }> {
  const found = await Promise.all(refs.map(serviceSlugsOf));
  const ids = found.flatMap((f) => f.ids);
  const slugs = found.flatMap((f) => f.slugs);
  const direct = found.flatMap((f) => f.teams ?? []);
  const services = ids.length || slugs.length ? await db().service.findMany({ where: { OR: [{ id: { in: ids } }, { slug: { in: slugs } }] }, select: { team: true } }) : [];
  const owners = [...direct, ...services.map((s) => s.team)];
  const named = [...new Set(owners.filter((t): t is string => t !== null))];
  const teams = named.length ? await db().team.findMany({ where: { slug: { in: named } }, select: { slug: true } }) : [];
  return { owners, existing: new Set(teams.map((t) => t.slug)) };
}
