/** What to do when there is nothing to show: the two ways a cluster gets here. */
export function RegisterClusterHint() {
  return (
    <>
      <p>Register a PostgreSQL cluster by its members&apos; connection strings and Steadystate probes <code>pg_stat_replication</code> and <code>pg_stat_wal_receiver</code> every 30 seconds (the role needs <code>pg_monitor</code>; connection strings are sealed with <code>STEADYSTATE_SECRET_KEY</code>):</p>
      <pre>{`curl -X POST /api/replication/clusters -H "authorization: Bearer $TOKEN" \\
  -H "content-type: application/json" -d '{
  "kind": "postgres", "name": "orders-db", "service": "checkout",
  "maxLagSeconds": 30, "maxLagBytes": 16777216,
  "members": [
    { "name": "db1", "role": "primary", "connection": "postgresql://monitor:…@db1:5432/postgres" },
    { "name": "replica1", "role": "replica", "connection": "postgresql://monitor:…@db2:5432/postgres" }
  ] }'`}</pre>
      <p>Or send postgres_exporter, mysqld_exporter or Patroni <code>/metrics</code> to ingest and register <code>{`{ "kind": "metrics", "exporter": "patroni", "matchers": { "scope": "batman" } }`}</code>. README “Replication” has the details.</p>
    </>
  );
}
