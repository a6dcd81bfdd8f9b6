import "server-only";
import pg from "pg";
import type { NodeReading, WalSender } from "@/lib/domain/replication-probe";
import { timelineOfWalFile } from "@/lib/domain/replication";

// The probe role needs pg_monitor (or superuser) to see other sessions' LSNs and lags.
const PRIMARY_SQL = `
SELECT pg_walfile_name(pg_current_wal_lsn()) AS walfile, pg_current_wal_lsn()::text AS lsn,
  COALESCE((SELECT json_agg(json_build_object(
    'name', COALESCE(s.slot_name, r.application_name), 'applicationName', r.application_name,
    'state', r.state, 'syncState', r.sync_state, 'sentLsn', r.sent_lsn::text, 'replayLsn', r.replay_lsn::text,
    'replayBytes', pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn),
    'writeLagSeconds', EXTRACT(EPOCH FROM r.write_lag), 'flushLagSeconds', EXTRACT(EPOCH FROM r.flush_lag),
    'replayLagSeconds', EXTRACT(EPOCH FROM r.replay_lag)))
    FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid), '[]') AS senders,
  COALESCE((SELECT json_agg(slot_name) FROM pg_replication_slots WHERE slot_type = 'physical' AND NOT active), '[]') AS idle_slots`;

const REPLICA_SQL = `
SELECT pg_last_wal_receive_lsn()::text AS lsn, pg_last_wal_replay_lsn()::text AS replay_lsn,
  EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) AS replay_age, pg_is_wal_replay_paused() AS paused,
  w.status, w.slot_name, w.received_tli
FROM (SELECT 1) one LEFT JOIN pg_stat_wal_receiver w ON true`;

type Code = { code?: string; message?: string };

/** A reason a person can act on; never the connection string (the caller names the member). */
export function describeConnectError(error: unknown, timeoutMs: number): string {
  const { code, message = String(error) } = (error ?? {}) as Code;
  if (code === "28P01") return `wrong password: ${message}`;
  if (code === "28000") return `access refused: ${message}`;
  if (code === "3D000") return `no such database: ${message}`;
  if (code === "ECONNREFUSED") return "connection refused: is PostgreSQL running and listening on that host and port?";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found: check the host name";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "host unreachable: check the network path";
  if (code === "57014" || /timeout|timed out/i.test(message)) return `no answer within ${timeoutMs} ms: the host is unreachable or overloaded`;
  return message;
}

function number(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Connects to one member and reads what it knows of replication. Bounded: connect timeout,
 * statement_timeout and query_timeout are all `timeoutMs`, and a last guard ends the whole call,
 * so one dead host never holds up the cluster's other members (or other clusters).
 */
export async function readNode(connection: string, timeoutMs: number): Promise<NodeReading> {
  const client = new pg.Client({
    connectionString: connection,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs,
    application_name: "steadystate-probe",
  });
  client.on("error", () => {}); // a server that goes away mid-probe: the query rejects instead
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), 3 * timeoutMs);
  });
  try {
    return await Promise.race([read(client), guard]);
  } catch (error) {
    return { isReachable: false, error: describeConnectError(error, timeoutMs) };
  } finally {
    clearTimeout(timer);
    client.end().catch(() => {});
  }
}

async function read(client: pg.Client): Promise<NodeReading> {
  await client.connect();
  const inRecovery = (await client.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).rows[0]?.r;
  if (!inRecovery) {
    const { rows: [row] } = await client.query(PRIMARY_SQL);
    const senders = (row.senders as WalSender[]).map((s) => ({
      ...s,
      replayBytes: number(s.replayBytes), replayLagSeconds: number(s.replayLagSeconds),
      writeLagSeconds: number(s.writeLagSeconds), flushLagSeconds: number(s.flushLagSeconds),
    }));
    return {
      isReachable: true, inRecovery: false, timeline: timelineOfWalFile(row.walfile), lsn: row.lsn, replayLsn: null,
      replayAgeSeconds: null, isReplayPaused: null, receiver: null, senders, idleSlots: row.idle_slots as string[],
    };
  }
  const { rows: [row] } = await client.query(REPLICA_SQL);
  return {
    isReachable: true, inRecovery: true, timeline: number(row.received_tli), lsn: row.lsn, replayLsn: row.replay_lsn,
    replayAgeSeconds: number(row.replay_age), isReplayPaused: row.paused,
    receiver: row.status ? { status: row.status, slotName: row.slot_name } : null, senders: [], idleSlots: [],
  };
}
