import { describe, expect, it } from "vitest";
import {
  clusterState, detectFailovers, failoverTitle, lsnToBytes, memberState, replicaLag, stateChanges, timelineOfWalFile, type MemberSnapshot,
} from "@/lib/domain/replication";
import { observeCluster, type NodeReading, type WalSender } from "@/lib/domain/replication-probe";
import { lagChart, sparklineValues } from "@/lib/domain/replication-chart";

const T = { maxLagSeconds: 30, maxLagBytes: 1_000_000 };

describe("replicaLag", () => {
  it.each([
    ["caught up and idle: replay_lag NULL means 0", { bytesBehind: 0, replayLagSeconds: null, replayAgeSeconds: null }, { seconds: 0, bytes: 0 }],
    ["idle primary: an hour-old replay timestamp is not lag", { bytesBehind: 0, replayLagSeconds: null, replayAgeSeconds: 3600 }, { seconds: 0, bytes: 0 }],
    ["stale replay_lag with nothing outstanding is 0", { bytesBehind: 0, replayLagSeconds: 2.5, replayAgeSeconds: 40 }, { seconds: 0, bytes: 0 }],
    ["outstanding WAL: the larger of replay_lag and replay age", { bytesBehind: 8192, replayLagSeconds: 0.4, replayAgeSeconds: 12 }, { seconds: 12, bytes: 8192 }],
    ["outstanding WAL, replay_lag only", { bytesBehind: 100, replayLagSeconds: 1.5, replayAgeSeconds: null }, { seconds: 1.5, bytes: 100 }],
    ["outstanding WAL, no time figure yet: unknown, not 0", { bytesBehind: 100, replayLagSeconds: null, replayAgeSeconds: null }, { seconds: null, bytes: 100 }],
    ["bytes unknown: replay_lag as reported", { bytesBehind: null, replayLagSeconds: 3, replayAgeSeconds: 99 }, { seconds: 3, bytes: null }],
  ])("%s", (_, input, expected) => {
    expect(replicaLag(input)).toEqual(expected);
  });
});

describe("memberState", () => {
  const lag = (seconds: number | null, bytes: number | null) => ({ seconds, bytes });
  it.each([
    ["primary reachable", { role: "primary", isReachable: true, isStreaming: null, lag: lag(null, null) }, "ok"],
    ["primary unreachable", { role: "primary", isReachable: false, isStreaming: null, lag: lag(null, null) }, "unreachable"],
    ["replica streaming within thresholds", { role: "replica", isReachable: true, isStreaming: true, lag: lag(30, 1_000_000) }, "ok"],
    ["replica over the seconds threshold", { role: "replica", isReachable: true, isStreaming: true, lag: lag(30.5, 0) }, "lagging"],
    ["replica over the bytes threshold", { role: "replica", isReachable: true, isStreaming: true, lag: lag(1, 1_000_001) }, "lagging"],
    ["replica not streaming: stopped, whatever the last lag", { role: "replica", isReachable: true, isStreaming: false, lag: lag(0, 0) }, "stopped"],
    ["replica down and nothing known", { role: "replica", isReachable: false, isStreaming: null, lag: lag(null, null) }, "unreachable"],
    ["replica with lag unknown but streaming", { role: "replica", isReachable: true, isStreaming: true, lag: lag(null, null) }, "ok"],
  ] as const)("%s → %s", (_, health, expected) => {
    expect(memberState(health, T)).toBe(expected);
  });

  it("summarises a cluster by its worst member", () => {
    expect(clusterState(["ok", "lagging", "ok"])).toBe("lagging");
    expect(clusterState(["stopped", "unreachable"])).toBe("unreachable");
    expect(clusterState([])).toBeNull();
  });
});

const snap = (name: string, role: "primary" | "replica", state: MemberSnapshot["state"], inRecovery: boolean | null, timeline: number | null): MemberSnapshot => ({ name, role, state, inRecovery, timeline });

describe("detectFailovers and stateChanges", () => {
  it("records a promotion once, with every reason seen", () => {
    const before = [snap("db1", "primary", "ok", false, 1), snap("db2", "replica", "ok", true, 1)];
    const after = [snap("db1", "primary", "ok", false, 1), snap("db2", "primary", "ok", false, 2)];
    const [f, ...rest] = detectFailovers(before, after);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ member: "db2", reasons: ["timeline-changed", "left-recovery", "role-changed"] });
    expect(failoverTitle("orders", f!)).toBe("orders: db2 timeline changed 1 → 2, left recovery (promoted), role changed replica → primary");
  });

  it.each([
    ["primary stops answering", [snap("db1", "primary", "ok", false, 3)], [snap("db1", "primary", "unreachable", null, null)], [["db1", ["primary-unreachable"]]]],
    ["primary still unreachable: not again", [snap("db1", "primary", "unreachable", null, null)], [snap("db1", "primary", "unreachable", null, null)], []],
    ["timeline unknown on one side: no timeline reason", [snap("db2", "replica", "ok", true, null)], [snap("db2", "replica", "ok", true, 2)], []],
    ["a member seen for the first time", [], [snap("db3", "primary", "ok", false, 5)], []],
    ["exporter role change without recovery data", [snap("p1", "replica", "ok", null, null)], [snap("p1", "primary", "ok", null, null)], [["p1", ["role-changed"]]]],
  ] as const)("%s", (_, before, after, expected) => {
    expect(detectFailovers([...before], [...after]).map((f) => [f.member, f.reasons])).toEqual(expected);
  });

  it("lists state changes, new members from null", () => {
    const before = [snap("db1", "primary", "ok", false, 1), snap("db2", "replica", "ok", true, 1)];
    const after = [snap("db1", "primary", "ok", false, 1), snap("db2", "replica", "lagging", true, 1), snap("db3", "replica", "stopped", null, null)];
    expect(stateChanges(before, after)).toEqual([{ member: "db2", from: "ok", to: "lagging" }, { member: "db3", from: null, to: "stopped" }]);
  });
});

describe("LSNs and WAL file names", () => {
  it.each([["0/0", 0], ["0/3000000", 0x3000000], ["16/B374D848", 0x16 * 2 ** 32 + 0xb374d848]])("%s = %d bytes", (lsn, bytes) => {
    expect(lsnToBytes(lsn)).toBe(bytes);
  });
  it("reads the timeline from a WAL file name and refuses junk", () => {
    expect(timelineOfWalFile("000000020000000000000003")).toBe(2);
    expect(() => lsnToBytes("nope")).toThrow();
    expect(() => timelineOfWalFile("0002")).toThrow();
  });
});

const sender = (over: Partial<WalSender>): WalSender => ({
  name: "replica1", applicationName: "replica1", state: "streaming", syncState: "async", replayBytes: 0, replayLagSeconds: null,
  writeLagSeconds: null, flushLagSeconds: null, sentLsn: "0/3000000", replayLsn: "0/3000000", ...over,
});
const primary = (senders: WalSender[], timeline = 1, idleSlots: string[] = []): NodeReading => ({
  isReachable: true, inRecovery: false, timeline, lsn: "0/3000000", replayLsn: null, replayAgeSeconds: null, isReplayPaused: null, receiver: null, senders, idleSlots,
});
const replica = (over: Partial<Extract<NodeReading, { isReachable: true }>> = {}): NodeReading => ({
  isReachable: true, inRecovery: true, timeline: 1, lsn: "0/3000000", replayLsn: "0/3000000", replayAgeSeconds: 3600, isReplayPaused: false,
  receiver: { status: "streaming", slotName: "replica1" }, senders: [], idleSlots: [], ...over,
});
const down = (error: string): NodeReading => ({ isReachable: false, error });

describe("observeCluster", () => {
  const states = (o: ReturnType<typeof observeCluster>) => o.members.map((m) => [m.name, m.role, m.state, m.lag.seconds, m.lag.bytes]);

  it("idle and caught up: 0 s and 0 bytes although the last replayed transaction is an hour old", () => {
    const o = observeCluster([{ name: "db1", role: "primary", reading: primary([sender({})]) }, { name: "replica1", role: "replica", reading: replica() }], [], T);
    expect(states(o)).toEqual([["db1", "primary", "ok", null, null], ["replica1", "replica", "ok", 0, 0]]);
    expect(o.error).toBeNull();
  });

  it("matches a replica to its walsender by slot when names differ, and reports paused replay", () => {
    const o = observeCluster([
      { name: "db1", role: "primary", reading: primary([sender({ name: "slot_a", applicationName: "walreceiver", replayBytes: 5_000_000, replayLagSeconds: 0.2 })]) },
      { name: "db2", role: "replica", reading: replica({ replayAgeSeconds: 45, isReplayPaused: true, receiver: { status: "streaming", slotName: "slot_a" } }) },
    ], [], T);
    expect(states(o)).toEqual([["db1", "primary", "ok", null, null], ["db2", "replica", "lagging", 45, 5_000_000]]);
    expect(o.members[1]!.error).toMatch(/replay paused/);
  });

  it("a replica that is down is stopped while its primary answers; a vanished walsender and an idle slot too", () => {
    const o = observeCluster(
      [{ name: "db1", role: "primary", reading: primary([], 1, ["replica9"]) }, { name: "replica1", role: "replica", reading: down("connection refused") }],
      [snap("old-replica", "replica", "ok", null, null)],
      T,
    );
    expect(states(o)).toEqual([
      ["db1", "primary", "ok", null, null], ["replica1", "replica", "stopped", null, null],
      ["replica9", "replica", "stopped", null, null], ["old-replica", "replica", "stopped", null, null],
    ]);
    expect(o.members[1]!.error).toBe("connection refused");
  });

  it("primary down: unreachable with its error as the cluster's; a replica without a streaming receiver is stopped", () => {
    const o = observeCluster([{ name: "db1", role: "primary", reading: down("wrong password: …") }, { name: "replica1", role: "replica", reading: replica({ receiver: null }) }], [], T);
    expect(states(o)).toEqual([["db1", "primary", "unreachable", null, null], ["replica1", "replica", "stopped", null, null]]);
    expect(o.error).toBe("wrong password: …");
  });

  it("after a promotion the member on the higher timeline is primary; the old one is flagged", () => {
    const o = observeCluster([{ name: "db1", role: "primary", reading: primary([], 1) }, { name: "replica1", role: "replica", reading: primary([], 2) }], [], T);
    expect(states(o)).toEqual([["db1", "primary", "stopped", null, null], ["replica1", "primary", "ok", null, null]]);
    expect(o.members[0]!.error).toMatch(/timeline 1 while replica1 is primary on timeline 2/);
  });

  it("replicas only the primary knows of are members too", () => {
    const o = observeCluster([{ name: "db1", role: "primary", reading: primary([sender({ name: "r2", applicationName: "r2", state: "catchup", replayBytes: 10 })]) }], [], T);
    expect(states(o)).toEqual([["db1", "primary", "ok", null, null], ["r2", "replica", "stopped", null, 10]]);
  });
});

describe("lagChart", () => {
  it("buckets the worst lag per step and leaves gaps as null", () => {
    const samples = [
      { member: "b", t: 0, seconds: 1, bytes: 100 }, { member: "b", t: 30_000, seconds: 3, bytes: 50 },
      { member: "a", t: 120_000, seconds: null, bytes: 7 },
    ];
    const chart = lagChart(samples, { from: 0, to: 180_000 }, 60_000);
    expect(chart.members).toEqual([{ key: "m0", label: "a" }, { key: "m1", label: "b" }]);
    expect(chart.seconds).toEqual([{ t: 0, m0: null, m1: 3 }, { t: 60_000, m0: null, m1: null }, { t: 120_000, m0: null, m1: null }]);
    expect(chart.bytes.map((p) => [p.m0, p.m1])).toEqual([[null, 100], [null, null], [7, null]]);
    expect(sparklineValues(samples, "b")).toEqual([1, 3]);
    expect(sparklineValues(samples, "a")).toEqual([7]);
  });
});
