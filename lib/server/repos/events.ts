import "server-only";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import type { EventKind, EventRecord } from "@/lib/domain/events";
import { db } from "../db";

export type NewEvent = {
  at: Date;
  kind: EventKind;
  subject: string;
  /** The owning service's slug; an unknown slug is an error (the caller should know its service). */
  service?: string | null;
  title: string;
  detail: Record<string, unknown>;
};

/** The create call for one event, to run alone or inside the caller's transaction. */
export function createEvent(event: NewEvent) {
  const data: Prisma.EventCreateInput = {
    at: event.at,
    kind: event.kind,
    subject: event.subject,
    title: event.title,
    detail: JSON.stringify(event.detail),
    ...(event.service ? { service: { connect: { slug: event.service } } } : {}),
  };
  return db().event.create({ data });
}

export async function recordEvents(events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db().$transaction(events.map(createEvent));
}

export type EventFilter = {
  from: Date;
  to: Date;
  kinds?: EventKind[];
  services?: string[];
  subjects?: string[];
  limit?: number;
};

/** Events with from <= at < to, oldest first. */
export async function listEvents(filter: EventFilter): Promise<EventRecord[]> {
  const rows = await db().event.findMany({
    where: {
      at: { gte: filter.from, lt: filter.to },
      ...(filter.kinds ? { kind: { in: filter.kinds } } : {}),
      ...(filter.services ? { service: { slug: { in: filter.services } } } : {}),
      ...(filter.subjects ? { subject: { in: filter.subjects } } : {}),
    },
    include: { service: { select: { slug: true } } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: filter.limit ?? 1000,
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind as EventKind,
    subject: r.subject,
    service: r.service?.slug ?? null,
    title: r.title,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
