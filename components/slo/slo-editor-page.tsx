import { PageHeader } from "@/components/ui/page-header";
import { listDataSources } from "@/lib/server/services/datasources";
import { listServices } from "@/lib/server/services/services";
import { SloEditor } from "./slo-editor";
import type { SloForm } from "./slo-form";

export async function SloEditorPage({ title, initial, sloId }: { title: string; initial: SloForm; sloId?: string }) {
  const [services, dataSources] = await Promise.all([listServices(), listDataSources()]);
  return (
    <>
      <PageHeader title={title} description="Every change recomputes the preview from the data you already have; nothing is stored until you save." />
      <SloEditor
        initial={initial}
        sloId={sloId}
        services={services.map((s) => ({ slug: s.slug, name: s.name }))}
        dataSources={dataSources.map((d) => d.name)}
      />
    </>
  );
}
