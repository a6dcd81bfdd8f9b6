import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/domain/access";
import { currentPrincipal } from "@/lib/server/auth/session-page";
import { adminExists, ensureConfiguredAdmin } from "@/lib/server/services/accounts";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  const principal = await currentPrincipal();
  if (principal.via === "session") redirect(next);
  await ensureConfiguredAdmin();
  const needsSetup = !(await adminExists());
  return (
    <>
      {needsSetup ? (
        <p className="banner" role="note">No admin exists yet. <Link href="/setup">Set up the first admin</Link>, or set STEADYSTATE_ADMIN_EMAIL and STEADYSTATE_ADMIN_PASSWORD and restart.</p>
      ) : null}
      {principal.via === "demo" ? <p className="muted" role="note">You are browsing as the demo viewer. Sign in with a real account to make changes.</p> : null}
      <SignInForm next={next} />
    </>
  );
}
