import "server-only";
import type { AlertState, AlertStateRecord, AlertStep } from "@/lib/domain/alert-state";
import { alertEventTitle } from "@/lib/domain/events";
import { db } from "../db";
import { createEvent } from "./events";

export type TierNumbers = {
  tier: string;
  severity: string;
  factor: number;
  long: { burnRate: number; good: number; valid: number };
  short: { burnRate: number; good: number; valid: number };
};

export async function alertStates(sloId: string): Promise<Map<string, AlertStateRecord>> {
  const rows = await db().alertState.findMany({ where: { sloId } });
  return new Map(rows.map((r) => [r.tier, { state: r.state as AlertState, since: r.since }]));
}

/** Stores the new states, their transitions and their events together: all or nothing. */
export async function saveAlertSteps(
  slo: { id: string; name: string; service: string },
  steps: { numbers: TierNumbers; step: AlertStep }[],
  at: Date,
): Promise<number> {
  const sloId = slo.id;
  const changed = steps.filter((s) => s.step.transition);
  if (changed.length === 0) return 0;
  const d = db();
  await d.$transaction(
    changed.flatMap(({ numbers: n, step }) => [
      d.alertState.upsert({
        where: { sloId_tier: { sloId, tier: n.tier } },
        create: { sloId, tier: n.tier, state: step.next.state, since: step.next.since },
        update: { state: step.next.state, since: step.next.since },
      }),
      d.alertTransition.create({
        data: {
          sloId, tier: n.tier, severity: n.severity, from: step.transition!.from, to: step.transition!.to, at, factor: n.factor,
          longBurnRate: n.long.burnRate, longGood: n.long.good, longValid: n.long.valid,
          shortBurnRate: n.short.burnRate, shortGood: n.short.good, shortValid: n.short.valid,
        },
      }),
      createEvent({
        at, kind: "alert", subject: sloId, service: slo.service,
        title: alertEventTitle(slo.service, slo.name, n.tier, step.transition!.to),
        detail: { tier: n.tier, severity: n.severity, from: step.transition!.from, to: step.transition!.to, factor: n.factor, long: n.long, short: n.short },
      }),
    ]),
  );
  return changed.length;
}

export async function listAlertTransitions(sloId: string, limit = 200) {
  const rows = await db().alertTransition.findMany({ where: { sloId }, orderBy: { at: "desc" }, take: limit });
  return rows.map(({ sloId: _slo, at, ...row }) => ({ ...row, at: at.toISOString() }));
}

export async function listAlertStates(sloId: string) {
  const rows = await db().alertState.findMany({ where: { sloId }, orderBy: { tier: "asc" } });
  return rows.map((r) => ({ tier: r.tier, state: r.state, since: r.since.toISOString() }));
}
