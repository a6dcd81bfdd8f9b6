import { EmptyPage } from "@/components/ui/empty-page";

export const metadata = { title: "Replication" };

export default function Page() {
  return (
    <EmptyPage title="Replication" description="Replica lag in time and bytes, and every failover." emptyTitle="No database clusters registered">
      <p>Register a PostgreSQL cluster by its primary&apos;s connection string and Steadystate probes <code>pg_stat_replication</code> on it every minute; or send postgres_exporter, mysqld_exporter or Patroni metrics and their replicas appear here.</p>
    </EmptyPage>
  );
}
