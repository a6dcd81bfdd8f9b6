import "server-only";
import type { Service, ServiceInput } from "@/lib/schemas/service";
import { notFound } from "../errors";
import * as repo from "../repos/services";

export const listServices = repo.listServices;
export const findService = repo.findService;
export const createService = (input: ServiceInput) => repo.createService(input);

export async function getService(slug: string): Promise<Service> {
  const service = await repo.findService(slug);
  if (!service) throw notFound(`service "${slug}"`);
  return service;
}
