import { AdminOnly } from "@/components/auth/admin-only";
import { TokensAdmin } from "@/components/auth/tokens-admin";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal, guardPage } from "@/lib/server/auth/session-page";
import { listApiTokens } from "@/lib/server/services/api-tokens";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  await guardPage();
  const isAdmin = (await currentPrincipal()).role === "admin";
  const tokens = isAdmin ? await listApiTokens() : [];
  return (
    <>
      <PageHeader title="API tokens" description="Tokens for collectors and scripts, each with its scopes. Stored hashed: a token is shown once, when created." />
      <AdminOnly>
        <TokensAdmin tokens={tokens} />
      </AdminOnly>
    </>
  );
}
