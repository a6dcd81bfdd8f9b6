// The official OpenTelemetry JS exporters, unchanged, pushing to the running app over HTTP.
import { OTLPMetricExporter as JsonExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as ProtoExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { expect, test } from "@playwright/test";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";

for (const [encoding, Exporter] of [["json", JsonExporter], ["protobuf", ProtoExporter]] as const) {
  test(`OpenTelemetry JS exporter (OTLP/HTTP ${encoding}) delivers counts the app stores`, async ({ request, baseURL }) => {
    const exporter = new Exporter({ url: `${baseURL}/otlp/v1/metrics`, headers: { authorization: `Bearer ${token}` } });
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const service = `otel-${encoding}`;
    const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": service }), readers: [reader] });
    const orders = provider.getMeter("e2e").createCounter("checkout.orders");
    try {
      orders.add(7, { outcome: "ok" });
      await reader.forceFlush();
      await new Promise((r) => setTimeout(r, 1100)); // a later point, or the store drops it as a duplicate
      orders.add(5, { outcome: "ok" });
      await reader.forceFlush();

      const start = new Date(Date.now() - 10 * 60_000).toISOString();
      const end = new Date(Date.now() + 60_000).toISOString();
      const body = await (await request.get(`/api/series?metric=checkout_orders&start=${start}&end=${end}`)).json();
      const mine = body.series.filter((s: { labels: Record<string, string> }) => s.labels.service === service);
      expect(mine).toHaveLength(1);
      expect(mine[0].labels).toEqual({ job: service, outcome: "ok", service });
      // The first point's start time is this test's own, so its 7 counts; then +5.
      const total = mine[0].minutes.reduce((sum: number, m: { increase: number }) => sum + m.increase, 0);
      expect(total).toBe(12);
    } finally {
      await provider.shutdown();
    }
  });
}
