import { route } from "@/lib/server/http";
import { postmortemAsMarkdown } from "@/lib/server/services/postmortem-export";

export const dynamic = "force-dynamic";

export const GET = route<{ id: string }>({ name: "/api/postmortems/[id]/markdown", access: "read" }, async ({ params }) => {
  const { filename, markdown } = await postmortemAsMarkdown(params.id, new Date());
  return new Response(markdown, { headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
});
