import Link from "next/link";
import { SetupForm } from "@/components/auth/setup-form";
import { adminExists, ensureConfiguredAdmin } from "@/lib/server/services/accounts";

export const metadata = { title: "Setup" };

/** Only while no admin exists; afterwards it says so and points at sign-in. */
export default async function SetupPage() {
  await ensureConfiguredAdmin();
  if (await adminExists()) {
    return <p className="card">Setup is done: an admin exists. <Link href="/sign-in">Sign in</Link>.</p>;
  }
  return <SetupForm />;
}
