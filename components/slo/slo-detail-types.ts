import type { getSloAlerts, getSloStatus } from "@/lib/server/services/slos";

/** What GET /api/slos/{id} returns; the detail components read only from it. */
export type SloDetail = Awaited<ReturnType<typeof getSloStatus>>;
export type SloAlertHistory = Awaited<ReturnType<typeof getSloAlerts>>;
