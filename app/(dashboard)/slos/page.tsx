import { IfCanWrite } from "@/components/auth/viewer-context";
import Link from "next/link";
import { Suspense } from "react";
import { SloListBody, SloListSkeleton } from "@/components/slo/slo-list-body";
import { PageHeader } from "@/components/ui/page-header";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "SLOs" };

export default async function SlosPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await guardPage();
  const params = await searchParams;
  return (
    <>
      <PageHeader
        title="SLOs"
        description="Service level objectives, their error budgets and burn rates."
        actions={<IfCanWrite><Link className="button primary" href="/slos/new">New SLO</Link></IfCanWrite>}
      />
      {/* The header goes out at once; the evaluated rows stream in behind it. */}
      <Suspense fallback={<SloListSkeleton />}>
        <SloListBody params={params} />
      </Suspense>
    </>
  );
}
