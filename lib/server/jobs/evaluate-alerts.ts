import "server-only";
import { nextAlertState } from "@/lib/domain/alert-state";
import { alertStates, saveAlertSteps } from "../repos/alerts";
import { listSlos } from "../repos/slos";
import { evaluateSlo } from "../services/slo-status";
import { prefetchSloCounts } from "../services/slo-prefetch";

/** One minute's alert evaluation: every tier of every SLO, transitions stored with their numbers. */
export async function evaluateAlerts(now: Date): Promise<{ slos: number; transitions: number }> {
  const slos = await listSlos();
  await prefetchSloCounts(slos, now);
  let transitions = 0;
  for (const slo of slos) {
    const [evaluation, states] = await Promise.all([evaluateSlo(slo, now), alertStates(slo.id)]);
    // Stale figures say nothing about now: keep every tier as it is until the source answers.
    if (evaluation.stale) continue;
    const steps = evaluation.tiers.map((numbers) => ({ numbers, step: nextAlertState(states.get(numbers.tier) ?? null, numbers.fires, now) }));
    transitions += await saveAlertSteps(slo, steps, now);
  }
  return { slos: slos.length, transitions };
}
