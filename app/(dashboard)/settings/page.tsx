import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { SystemStatus } from "@/components/settings/system-status";
import { env } from "@/lib/server/env";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  await guardPage();
  const config = env();
  return (
    <>
      <PageHeader title="Settings" description="How this instance is configured, and whether its parts answer." actions={<Link href="/settings/audit" className="button">Audit log</Link>} />
      <div className="grid">
        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading" style={{ marginTop: 0, fontSize: "1.05rem" }}>System status</h2>
          <SystemStatus />
        </section>
        <section className="card" aria-labelledby="access-heading">
          <h2 id="access-heading" style={{ marginTop: 0, fontSize: "1.05rem" }}>Access</h2>
          <ul>
            <li><Link href="/settings/users">People and roles</Link></li>
            <li><Link href="/settings/tokens">API tokens</Link></li>
          </ul>
          <p className="muted">Admins only; README.md “Accounts and access” explains roles and scopes.</p>
        </section>
        <section className="card" aria-labelledby="config-heading">
          <h2 id="config-heading" style={{ marginTop: 0, fontSize: "1.05rem" }}>Configuration</h2>
          <dl className="facts">
            <dt>Database</dt>
            <dd>{config.DATABASE_URL.provider === "sqlite" ? "SQLite (embedded)" : "PostgreSQL"}</dd>
            <dt>Bootstrap API token</dt>
            <dd>{config.STEADYSTATE_API_TOKEN ? "configured (every scope)" : "not set"}</dd>
            <dt>Session lifetime</dt>
            <dd>{config.STEADYSTATE_SESSION_TTL_HOURS} hours</dd>
            <dt>Demo mode</dt>
            <dd>{config.STEADYSTATE_DEMO ? "on" : "off"}</dd>
            <dt>Log level</dt>
            <dd>{config.LOG_LEVEL}</dd>
          </dl>
          <p className="muted">Settings come from environment variables; README.md “Configuration” lists them all.</p>
        </section>
      </div>
    </>
  );
}
