import { notFound } from "next/navigation";
import { Suspense } from "react";
import { BreakerDetail } from "@/components/breakers/breaker-detail";
import { PageHeader } from "@/components/ui/page-header";
import { TimeRangePicker } from "@/components/ui/time-range-picker";
import { parseTimeRange } from "@/lib/domain/time-range";
import { AppError } from "@/lib/server/errors";
import { getBreakerDetail } from "@/lib/server/services/breakers";
import { guardPage } from "@/lib/server/auth/session-page";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

export default async function BreakerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  await guardPage();
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const now = new Date();
  const range = parseTimeRange({ range: one(search.range), from: one(search.from), to: one(search.to) }, now);
  const detail = await getBreakerDetail(id, range, now).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const b = detail.breaker;
  return (
    <>
      <PageHeader
        title={`${b.name}`}
        description={`Circuit breaker in ${b.service}, guarding ${b.dependency}.`}
        actions={<Suspense><TimeRangePicker /></Suspense>}
      />
      <BreakerDetail detail={detail} domain={{ from: range.from.getTime(), to: Math.min(range.to.getTime(), now.getTime()) }} />
    </>
  );
}
