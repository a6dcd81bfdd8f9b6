"use client";

import type { ApiIssue } from "@/components/ui/api-client";
import { Field, issuesAt } from "./editor-field";
import type { SloForm } from "./slo-form";

type InputProps = { id: string; value: string; onChange: (e: React.ChangeEvent<HTMLInputElement>) => void; "aria-invalid"?: boolean };
type Props = {
  form: SloForm;
  set: <K extends keyof SloForm>(key: K) => (value: SloForm[K]) => void;
  input: (key: keyof SloForm, id: string, path?: string) => InputProps;
  issues: ApiIssue[];
  dataSources: string[];
};

/** Good (or bad) events over total: for ratio SLIs, and for timeslices judged by their own ratio. */
function CounterFields({ form, set, input, issues, base }: Props & { base: string }) {
  return (
    <>
      <Field id="slo-event-metric" label={form.ratioCounts === "bad" ? "Bad events counter" : "Good events counter"} errors={issuesAt(issues, `${base}.${form.ratioCounts}`, `${base}.good`)}>
        <div className="inline">
          <select aria-label="Counts" value={form.ratioCounts} onChange={(e) => set("ratioCounts")(e.target.value as SloForm["ratioCounts"])}>
            <option value="bad">bad</option><option value="good">good</option>
          </select>
          <input {...input("eventMetric", "slo-event-metric", `${base}.${form.ratioCounts}`)} placeholder="http_requests_errors_total" />
        </div>
      </Field>
      <Field id="slo-event-matchers" label="…with labels" hint='e.g. code="500", job="api"'><input {...input("eventMatchers", "slo-event-matchers")} /></Field>
      <Field id="slo-total-metric" label="Total events counter" errors={issuesAt(issues, `${base}.total`)}><input {...input("totalMetric", "slo-total-metric", `${base}.total`)} placeholder="http_requests_total" /></Field>
      <Field id="slo-total-matchers" label="…with labels"><input {...input("totalMatchers", "slo-total-matchers")} /></Field>
    </>
  );
}

function TimesliceFields(props: Props) {
  const { form, set, input, issues } = props;
  return (
    <>
      <Field id="slo-slice" label="Slice length (minutes)" hint="Each slice is good or bad; slices without data are gaps." errors={issuesAt(issues, "sli.sliceMinutes")}>
        <select id="slo-slice" value={form.sliceMinutes} onChange={(e) => set("sliceMinutes")(e.target.value)}>
          {["1", "2", "5", "10", "15", "30", "60"].map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </Field>
      <Field id="slo-slice-type" label="A slice is good when">
        <select id="slo-slice-type" value={form.sliceType} onChange={(e) => set("sliceType")(e.target.value as SloForm["sliceType"])}>
          <option value="gauge">a gauge meets a condition (e.g. up ≥ 1)</option>
          <option value="ratio">its own share of good events reaches a target</option>
        </select>
      </Field>
      {form.sliceType === "gauge" ? (
        <>
          <Field id="slo-gauge" label="Gauge" errors={issuesAt(issues, "sli.indicator.metric")}><input {...input("gaugeMetric", "slo-gauge", "sli.indicator.metric")} placeholder="up" /></Field>
          <Field id="slo-gauge-matchers" label="…with labels"><input {...input("gaugeMatchers", "slo-gauge-matchers")} /></Field>
          <Field id="slo-condition" label="Condition" errors={issuesAt(issues, "sli.indicator.threshold", "sli.indicator.op", "sli.indicator.aggregation")}>
            <div className="inline">
              <select aria-label="Aggregation" value={form.aggregation} onChange={(e) => set("aggregation")(e.target.value as SloForm["aggregation"])}>
                <option value="min">min</option><option value="avg">avg</option><option value="max">max</option>
              </select>
              <select aria-label="Comparison" value={form.op} onChange={(e) => set("op")(e.target.value as SloForm["op"])}>
                {([">=", ">", "<=", "<"] as const).map((op) => <option key={op} value={op}>{op}</option>)}
              </select>
              <input {...input("gaugeThreshold", "slo-condition", "sli.indicator.threshold")} inputMode="decimal" aria-label="Threshold" />
            </div>
          </Field>
        </>
      ) : (
        <>
          <CounterFields {...props} base="sli.indicator" />
          <Field id="slo-slice-target" label="Good share a slice needs" hint="0.99: a slice is good when 99% of its events are." errors={issuesAt(issues, "sli.indicator.target")}>
            <input {...input("sliceTarget", "slo-slice-target", "sli.indicator.target")} inputMode="decimal" />
          </Field>
        </>
      )}
    </>
  );
}

export function SliFields(props: Props) {
  const { form, set, input, issues } = props;
  return (
    <fieldset>
      <legend>What it counts</legend>
      <Field id="slo-sli-kind" label="SLI" errors={issuesAt(issues, "sli.kind")}>
        <select id="slo-sli-kind" value={form.sliKind} onChange={(e) => set("sliKind")(e.target.value as SloForm["sliKind"])}>
          <option value="ratio">Ratio of counters (good or bad over total)</option>
          <option value="latency">Latency under a histogram bucket</option>
          <option value="timeslice">Timeslices (share of good minutes)</option>
        </select>
      </Field>
      {form.sliKind === "ratio" ? <CounterFields {...props} base="sli" /> : null}
      {form.sliKind === "latency" ? (
        <>
          <Field id="slo-histogram" label="Histogram" hint="Its base name: the series are <name>_bucket and <name>_count." errors={issuesAt(issues, "sli.histogram", "sli.matchers")}>
            <input {...input("histogram", "slo-histogram")} placeholder="http_request_duration_seconds" />
          </Field>
          <Field id="slo-histogram-matchers" label="…with labels"><input {...input("histogramMatchers", "slo-histogram-matchers")} /></Field>
          <Field id="slo-threshold" label="Threshold (a bucket boundary, in the histogram's unit)" errors={issuesAt(issues, "sli.threshold")}>
            <input {...input("threshold", "slo-threshold", "sli.threshold")} inputMode="decimal" />
          </Field>
        </>
      ) : null}
      {form.sliKind === "timeslice" ? <TimesliceFields {...props} /> : null}
      <Field id="slo-source" label="Data source" errors={issuesAt(issues, "dataSource")}>
        <select id="slo-source" value={form.dataSource} onChange={(e) => set("dataSource")(e.target.value)}>
          <option value="embedded">Embedded store</option>
          {props.dataSources.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </Field>
    </fieldset>
  );
}
