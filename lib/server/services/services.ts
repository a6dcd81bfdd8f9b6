import "server-only";
import type { Service, ServiceInput } from "@/lib/schemas/service";
import { notFound } from "../errors";
import * as repo from "../repos/services";
import { audited } from "../repos/audit";
import { SYSTEM_ACTOR } from "@/lib/domain/actor";
import { actorOf, assertCanWrite, type WriteContext } from "./team-access";

export const listServices = repo.listServices;
export const findService = repo.findService;
/** A service for a team needs editor in that team (when the team exists), like every write to what it owns. */
export async function createService(input: ServiceInput, who: WriteContext = SYSTEM_ACTOR): Promise<Service> {
  await assertCanWrite(who, { team: input.team ?? null });
  const actor = actorOf(who);
  return audited(async (tx) => {
    const service = await repo.createService(input, tx);
    return { result: service, audit: { actor, action: "service.create", entityType: "service", entityId: service.slug, summary: `Created service ${service.name} (${service.slug})`, after: { ...input } } };
  });
}

export async function getService(slug: string): Promise<Service> {
  const service = await repo.findService(slug);
  if (!service) throw notFound(`service "${slug}"`);
  return service;
}
