import "server-only";
import type { Service, ServiceInput } from "@/lib/schemas/service";
import { notFound } from "../errors";
import * as repo from "../repos/services";
import { audited } from "../repos/audit";
import { SYSTEM_ACTOR, type Actor } from "@/lib/domain/actor";

export const listServices = repo.listServices;
export const findService = repo.findService;
export async function createService(input: ServiceInput, actor: Actor = SYSTEM_ACTOR): Promise<Service> {
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
