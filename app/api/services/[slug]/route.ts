import { route } from "@/lib/server/http";
import { getService } from "@/lib/server/services/services";

export const dynamic = "force-dynamic";

export const GET = route<{ slug: string }>({ name: "/api/services/[slug]", access: "read" }, async ({ params }) =>
  getService(params.slug),
);
