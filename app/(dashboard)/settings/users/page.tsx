import { AdminOnly } from "@/components/auth/admin-only";
import { UsersAdmin } from "@/components/auth/users-admin";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { listTeams, listUsers } from "@/lib/server/services/accounts";

export const metadata = { title: "People" };

export default async function UsersPage() {
  await guardPage();
  const isAdmin = (await currentPrincipal()).role === "admin";
  const [users, teams] = isAdmin ? await Promise.all([listUsers(), listTeams()]) : [[], []];
  return (
    <>
      <PageHeader title="People" description="Who can sign in, and their role in each team: viewer reads, editor writes SLOs, postmortems and FMEA, admin manages people, tokens and data sources." />
      <AdminOnly>
        <UsersAdmin users={users} teams={teams.map((t) => t.slug)} />
      </AdminOnly>
    </>
  );
}
