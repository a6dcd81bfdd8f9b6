import { describe, expect, it } from "vitest";
import { exporterMembers, STALE_AFTER_MS, type LastSample } from "@/lib/domain/replication-exporters";
import { readFixture } from "../support/exposition";

const NOW = Date.parse("2024-08-28T19:45:00Z");
const scrape = (file: string, instance: string, t = NOW - 15_000): LastSample[] =>
  readFixture(file, { instance }).map((s) => ({ metric: s.metric, labels: s.labels, lastT: t, lastV: s.value }));
const pick = (members: ReturnType<typeof exporterMembers>) => members.map((m) => [m.name, m.role, m.isReachable, m.isStreaming, m.lag.seconds, m.lag.bytes, m.timeline]);

describe("exporterMembers", () => {
  it("postgres_exporter: role from pg_replication_is_replica, lag in seconds", () => {
    const series = [...scrape("postgres-exporter-primary.prom", "db1:9187"), ...scrape("postgres-exporter-replica.prom", "db2:9187")];
    expect(pick(exporterMembers("postgres_exporter", series, NOW))).toEqual([
      ["db1:9187", "primary", true, null, null, null, null],
      ["db2:9187", "replica", true, null, 4.2, null, null],
    ]);
  });

  it("postgres_exporter: a replica whose series vanished is stopped, not at zero lag", () => {
    const series = [...scrape("postgres-exporter-primary.prom", "db1:9187"), ...scrape("postgres-exporter-replica.prom", "db2:9187", NOW - STALE_AFTER_MS - 1)];
    expect(pick(exporterMembers("postgres_exporter", series, NOW))[1]).toEqual(["db2:9187", "replica", false, false, null, null, null]);
  });

  it("mysqld_exporter: seconds behind master while both threads run", () => {
    expect(pick(exporterMembers("mysqld_exporter", scrape("mysqld-exporter-replica.prom", "mysql-2:9104"), NOW))).toEqual([["mysql-2:9104", "replica", true, true, 12, null, null]]);
  });

  it("mysqld_exporter: slave status series gone (replication stopped) means stopped; exactly at the lookback it still counts", () => {
    const all = scrape("mysqld-exporter-replica.prom", "mysql-2:9104");
    const vanished = all.map((s) => (s.metric.startsWith("mysql_slave_status") ? { ...s, lastT: NOW - STALE_AFTER_MS - 1 } : s));
    expect(pick(exporterMembers("mysqld_exporter", vanished, NOW))).toEqual([["mysql-2:9104", "replica", true, false, null, null, null]]);
    const edge = all.map((s) => ({ ...s, lastT: NOW - STALE_AFTER_MS }));
    expect(exporterMembers("mysqld_exporter", edge, NOW)[0]!.isStreaming).toBe(true);
  });

  it("mysqld_exporter: io thread stopped is stopped", () => {
    const series = scrape("mysqld-exporter-replica.prom", "mysql-2:9104").map((s) => (s.metric === "mysql_slave_status_slave_io_running" ? { ...s, lastV: 0 } : s));
    expect(exporterMembers("mysqld_exporter", series, NOW)[0]!.isStreaming).toBe(false);
  });

  it("patroni: members by name, bytes behind the leader, timeline; the leader's zero replay position is not lag", () => {
    const series = [...scrape("patroni-primary.prom", "10.0.0.1:8008"), ...scrape("patroni-replica.prom", "10.0.0.2:8008")];
    const members = exporterMembers("patroni", series, NOW);
    expect(pick(members)).toEqual([
      ["patroni1", "primary", true, null, null, null, 24],
      // 22320573386952 − 22320573321416 = 65536 bytes; replayed at 1724874233.5, i.e. 66.5 s before NOW.
      ["patroni2", "replica", true, true, 66.5, 65536, 24],
    ]);
    expect(members[1]!.inRecovery).toBe(true);
  });

  it("patroni: caught up replica has 0 s lag whatever its replay timestamp", () => {
    const series = [...scrape("patroni-primary.prom", "a"), ...scrape("patroni-replica.prom", "b").map((s) => (s.metric === "patroni_xlog_replayed_location" ? { ...s, lastV: 22320573386952 } : s))];
    expect(exporterMembers("patroni", series, NOW)[1]!.lag).toEqual({ seconds: 0, bytes: 0 });
  });
});

describe("exporterMembers when everything goes quiet", () => {
  it("keeps each member's last known role: a silent leader is an unreachable primary, not a replica", () => {
    const old = NOW - STALE_AFTER_MS - 60_000;
    const series = [...scrape("patroni-primary.prom", "a", old), ...scrape("patroni-replica.prom", "b", old), ...scrape("postgres-exporter-primary.prom", "c", old)];
    expect(pick(exporterMembers("patroni", series.filter((s) => s.labels.instance !== "c"), NOW))).toEqual([["patroni1", "primary", false, null, null, null, null], ["patroni2", "replica", false, false, null, null, null]]);
    expect(pick(exporterMembers("postgres_exporter", series.filter((s) => s.labels.instance === "c"), NOW))).toEqual([["c", "primary", false, null, null, null, null]]);
  });
});
