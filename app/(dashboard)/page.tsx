import { Suspense } from "react";
import { OverviewBody } from "@/components/overview/overview-body";
import { SloListSkeleton } from "@/components/slo/slo-list-body";
import { PageHeader } from "@/components/ui/page-header";
import { TimeRangePicker } from "@/components/ui/time-range-picker";
import { parseTimeRange } from "@/lib/domain/time-range";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await guardPage();
  const now = new Date();
  const range = parseTimeRange(await searchParams, now);
  return (
    <>
      <PageHeader title="Overview" description="What is burning right now, most urgent first." actions={<Suspense><TimeRangePicker /></Suspense>} />
      {/* The header goes out at once; the figures stream in behind it. */}
      <Suspense fallback={<SloListSkeleton />}>
        <OverviewBody range={range} now={now} />
      </Suspense>
    </>
  );
}
