// Demo replication history for `npm run demo`: three PostgreSQL clusters with a week of probe
// samples, one lag incident, one failover and one replica that is down now. No live server: the
// clusters are paused (the probe job skips them), so the figures stay as seeded. Idempotent: a
// cluster that exists is left alone.
import { recordEvents, type NewEvent } from "../../lib/server/repos/events";
import { createCluster, findCluster, insertSamples, listClusters, saveProbe, type SampleRow } from "../../lib/server/repos/replication";
import type { MemberObservation } from "../../lib/domain/replication-probe";
import { clusterInputSchema } from "../../lib/schemas/replication";

const MIN = 60_000;
const STEP = 2 * MIN;
const DAYS = 7;

/** Deterministic noise in [0, 1): the same demo every run. */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

/** Busier by day (UTC), like an online shop: a multiplier between 0.3 and 1.3. */
const load = (t: number) => 0.8 + 0.5 * Math.sin(((t / 3_600_000) % 24) / 24 * 2 * Math.PI - Math.PI / 2);

type Spike = { from: number; to: number; peakSeconds: number; peakBytes: number };
type Span = { from: number; to: number };

function lagSamples(member: string, now: number, options: { active?: Span[]; spikes?: Spike[]; seed: number }): SampleRow[] {
  const rows: SampleRow[] = [];
  for (let t = Math.floor((now - DAYS * 86_400_000) / STEP) * STEP, i = 0; t <= now; t += STEP, i++) {
    if (options.active && !options.active.some((s) => t >= s.from && t < s.to)) continue;
    const n = noise(i + options.seed);
    let seconds = Math.round((0.02 + 0.4 * load(t) * n) * 1000) / 1000;
    let bytes = Math.round((16 + 900 * load(t) * n) * 1024);
    // A caught-up, idle replica reports 0 now and then (replay_lag NULL, nothing outstanding).
    if (n < 0.08) [seconds, bytes] = [0, 0];
    for (const s of options.spikes ?? []) {
      if (t < s.from || t >= s.to) continue;
      const x = (t - s.from) / (s.to - s.from);
      const shape = x < 0.7 ? x / 0.7 : (1 - x) / 0.3; // climbs while replay falls behind, then drains
      seconds = Math.max(seconds, s.peakSeconds * shape);
      bytes = Math.max(bytes, Math.round(s.peakBytes * shape));
    }
    rows.push({ member, at: new Date(t), state: "ok", lagSeconds: seconds, lagBytes: bytes });
  }
  return rows;
}

function member(name: string, role: "primary" | "replica", state: MemberObservation["state"], over: Partial<MemberObservation> = {}): MemberObservation {
  const lag = over.lag ?? (role === "replica" ? { seconds: 0.12, bytes: 48 * 1024 } : { seconds: null, bytes: null });
  // What the primary's pg_stat_replication would say of a streaming replica.
  const sender = { state: "streaming", syncState: name.endsWith("-3") ? "sync" : "async", writeLagSeconds: 0.001, flushLagSeconds: 0.002, replayLagSeconds: lag.seconds };
  return {
    name, role, state, inRecovery: role === "replica", timeline: 1, lag, error: null, isRegistered: true,
    observed: role === "replica" && state === "ok" ? { demo: true, sender } : { demo: true }, ...over,
  };
}

async function seedCluster(options: {
  name: string; service: string; members: { name: string; role: "primary" | "replica" }[];
  now: Date; since: Date; samples: SampleRow[]; current: MemberObservation[]; events: (id: string) => NewEvent[];
}) {
  const input = clusterInputSchema.parse({
    kind: "postgres", name: options.name, service: options.service, paused: true, maxLagSeconds: 30, maxLagBytes: 64 * 1024 * 1024,
    members: options.members.map((m) => ({ ...m, connection: `postgresql://steadystate_monitor:demo@${m.name}.internal:5432/postgres` })),
  });
  // Demo members keep no sealed secret (so no key is needed): only the masked form is shown.
  const cluster = await createCluster(input, options.members.map((m) => ({ name: m.name, role: m.role, connection: null, display: `postgresql://steadystate_monitor:****@${m.name}.internal:5432/postgres` })));
  await insertSamples(cluster.id, options.samples);
  await recordEvents(options.events(cluster.id));
  // The current state as probes would have stored it: first seen so at `since`, unchanged until now.
  for (const at of [options.since, options.now]) {
    await saveProbe((await findCluster(cluster.id))!, { at, error: null, members: options.current, keepSamples: false, events: [] });
  }
}

export async function seedDemoReplication(nowMs = Date.now()): Promise<number> {
  const now = new Date(Math.floor(nowMs / STEP) * STEP);
  const t = now.getTime();
  const existing = new Set((await listClusters()).map((c) => c.name));
  let created = 0;

  if (!existing.has("orders-db")) {
    // 4 days ago: orders-db-1 (primary) stopped answering, orders-db-2 was promoted on timeline 5,
    // and orders-db-1 came back 25 minutes later as a replica. 2 days ago: orders-db-3 fell 3 min behind.
    const failover = t - 96 * 3_600_000;
    const rejoin = failover + 25 * MIN;
    const spike = { from: t - 50 * 3_600_000, to: t - 50 * 3_600_000 + 45 * MIN, peakSeconds: 190, peakBytes: 410 * 1024 * 1024 };
    const samples = [
      ...lagSamples("orders-db-2", t, { seed: 1, active: [{ from: 0, to: failover }] }),
      ...lagSamples("orders-db-1", t, { seed: 2, active: [{ from: rejoin, to: Infinity }] }),
      ...lagSamples("orders-db-3", t, { seed: 3, spikes: [spike] }),
    ];
    const ev = (id: string, at: Date, kind: "replication" | "failover", title: string, detail: Record<string, unknown>): NewEvent => ({ at, kind, subject: id, service: "checkout", title: `orders-db: ${title}`, detail: { cluster: "orders-db", ...detail } });
    await seedCluster({
      name: "orders-db", service: "checkout", now, since: new Date(rejoin), samples,
      members: [{ name: "orders-db-1", role: "primary" }, { name: "orders-db-2", role: "replica" }, { name: "orders-db-3", role: "replica" }],
      current: [
        member("orders-db-2", "primary", "ok", { timeline: 5, inRecovery: false }),
        member("orders-db-1", "replica", "ok", { timeline: 5, lag: { seconds: 0.08, bytes: 24 * 1024 } }),
        member("orders-db-3", "replica", "ok", { timeline: 5, lag: { seconds: 0.21, bytes: 96 * 1024 } }),
      ],
      events: (id) => [
        ev(id, new Date(failover), "failover", "orders-db-1 primary unreachable", { member: "orders-db-1", reasons: ["primary-unreachable"] }),
        ev(id, new Date(failover), "replication", "orders-db-1 ok → unreachable", { member: "orders-db-1", from: "ok", to: "unreachable", error: "no answer within 3000 ms: the host is unreachable or overloaded" }),
        ev(id, new Date(failover + MIN), "failover", "orders-db-2 timeline changed 4 → 5, left recovery (promoted), role changed replica → primary", { member: "orders-db-2", reasons: ["timeline-changed", "left-recovery", "role-changed"] }),
        ev(id, new Date(rejoin), "replication", "orders-db-1 unreachable → ok", { member: "orders-db-1", from: "unreachable", to: "ok", role: "replica" }),
        ev(id, new Date(spike.from + 12 * MIN), "replication", "orders-db-3 ok → lagging", { member: "orders-db-3", from: "ok", to: "lagging", lagSeconds: 41, lagBytes: 92 * 1024 * 1024 }),
        ev(id, new Date(spike.to - 4 * MIN), "replication", "orders-db-3 lagging → ok", { member: "orders-db-3", from: "lagging", to: "ok" }),
      ],
    });
    created++;
  }

  if (!existing.has("accounts-db")) {
    await seedCluster({
      name: "accounts-db", service: "accounts", now, since: new Date(t - DAYS * 86_400_000), samples: lagSamples("accounts-db-2", t, { seed: 7 }),
      members: [{ name: "accounts-db-1", role: "primary" }, { name: "accounts-db-2", role: "replica" }],
      current: [member("accounts-db-1", "primary", "ok", { timeline: 2, inRecovery: false }), member("accounts-db-2", "replica", "ok", { timeline: 2, lag: { seconds: 0, bytes: 0 } })],
      events: () => [],
    });
    created++;
  }

  if (!existing.has("payments-ledger")) {
    // Its replica was shut down 40 minutes ago for a disk swap: stopped, not zero lag.
    const down = t - 40 * MIN;
    await seedCluster({
      name: "payments-ledger", service: "payments-gateway", now, since: new Date(down),
      samples: lagSamples("ledger-replica", t, { seed: 11, active: [{ from: 0, to: down }] }),
      members: [{ name: "ledger-primary", role: "primary" }, { name: "ledger-replica", role: "replica" }],
      current: [
        member("ledger-primary", "primary", "ok", { inRecovery: false }),
        member("ledger-replica", "replica", "stopped", { inRecovery: null, timeline: null, lag: { seconds: null, bytes: null }, error: "connection refused: is PostgreSQL running and listening on that host and port?" }),
      ],
      events: (id) => [{ at: new Date(down), kind: "replication", subject: id, service: "payments-gateway", title: "payments-ledger: ledger-replica ok → stopped", detail: { cluster: "payments-ledger", member: "ledger-replica", from: "ok", to: "stopped" } }],
    });
    created++;
  }
  return created;
}
