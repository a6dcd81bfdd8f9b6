"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ReadOnlyNote, useCanWrite } from "@/components/auth/viewer-context";
import { ApiError, apiFetch } from "@/components/ui/api-client";
import type { SloInputRaw } from "@/lib/schemas/slo";
import { SloPreview, type PreviewResult } from "./slo-preview";
import { type SloForm, toDefinition } from "./slo-form";
import { Field, issuesAt } from "./editor-field";
import { SliFields } from "./sli-fields";
import { TierFields } from "./tier-fields";

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return debounced;
}

export type EditorProps = { initial: SloForm; sloId?: string; services: { slug: string; name: string }[]; dataSources: string[] };

export function SloEditor({ initial, sloId, services, dataSources }: EditorProps) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const canWrite = useCanWrite();
  const definition = toDefinition(form);
  const debounced = useDebounced(JSON.stringify(definition), 400);
  const preview = useQuery({
    queryKey: ["slo-preview", debounced],
    queryFn: () => apiFetch<PreviewResult>("/api/slos/preview", { method: "POST", json: JSON.parse(debounced) as SloInputRaw }),
    retry: false,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const issues = saveError?.issues ?? (preview.error instanceof ApiError ? preview.error.issues : []);
  const set = <K extends keyof SloForm>(key: K) => (value: SloForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const input = (key: keyof SloForm, id: string, path: string = key) => ({
    id,
    value: form[key] as string,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => set(key)(e.target.value as never),
    "aria-invalid": issuesAt(issues, path).length > 0 || undefined,
  });

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await apiFetch<{ id: string }>(sloId ? `/api/slos/${sloId}` : "/api/slos", { method: sloId ? "PUT" : "POST", json: definition });
      router.push(`/slos?saved=${encodeURIComponent(saved.id)}`);
      router.refresh();
    } catch (error) {
      setSaveError(error instanceof ApiError ? error : new ApiError(0, String(error)));
      setSaving(false);
    }
  }

  return (
    <div className="editor">
      <form className="editor-form card" onSubmit={save} aria-label={sloId ? "Edit SLO" : "New SLO"} noValidate>
        <fieldset>
          <legend>What it promises</legend>
          <Field id="slo-name" label="Name" errors={issuesAt(issues, "name")}><input {...input("name", "slo-name")} required /></Field>
          <Field id="slo-service" label="Service" errors={issuesAt(issues, "service")}>
            <select id="slo-service" value={form.service} onChange={(e) => set("service")(e.target.value)}>
              <option value="">Choose a service…</option>
              {services.map((s) => <option key={s.slug} value={s.slug}>{s.name} ({s.slug})</option>)}
            </select>
          </Field>
          <Field id="slo-objective" label="Objective" hint="A fraction: 0.999 is 99.9% of events good." errors={issuesAt(issues, "objective")}>
            <input {...input("objective", "slo-objective")} inputMode="decimal" />
          </Field>
          <Field id="slo-window" label="Window" errors={issuesAt(issues, "window")}>
            <div className="inline">
              <select id="slo-window" value={form.windowKind} onChange={(e) => set("windowKind")(e.target.value as SloForm["windowKind"])}>
                <option value="rolling">Rolling</option>
                <option value="calendar">Calendar</option>
              </select>
              {form.windowKind === "rolling" ? (
                <label>Days <input {...input("days", "slo-days", "window.days")} inputMode="numeric" size={4} /></label>
              ) : (
                <>
                  <select aria-label="Calendar unit" value={form.unit} onChange={(e) => set("unit")(e.target.value as SloForm["unit"])}>
                    <option value="week">Week</option><option value="month">Month</option><option value="quarter">Quarter</option>
                  </select>
                  <label>Time zone <input {...input("timeZone", "slo-tz", "window.timeZone")} size={16} /></label>
                </>
              )}
            </div>
          </Field>
        </fieldset>

        <SliFields form={form} set={set} input={input} issues={issues} dataSources={dataSources} />

        <TierFields form={form} setForm={setForm} errors={issuesAt(issues, "alertTiers")} />

        <fieldset>
          <legend>About it</legend>
          <Field id="slo-description" label="Description" errors={issuesAt(issues, "description")}>
            <textarea id="slo-description" value={form.description} rows={3} onChange={(e) => set("description")(e.target.value)} />
          </Field>
          <Field id="slo-owner" label="Owner or team" errors={issuesAt(issues, "owner")}><input {...input("owner", "slo-owner")} /></Field>
          <Field id="slo-group-by" label="Group by labels" hint="e.g. route: one set of figures and alerts per route (embedded store)." errors={issuesAt(issues, "groupBy")}>
            <input {...input("groupBy", "slo-group-by")} />
          </Field>
          <Field id="slo-labels" label="Labels" hint='e.g. tier="1", journey="checkout"' errors={issuesAt(issues, "labels")}><input {...input("labels", "slo-labels")} /></Field>
        </fieldset>

        <div className="editor-actions">
          {saveError ? <p role="alert" className="status" data-state="danger">Not saved: {saveError.message}</p> : null}
          {canWrite ? (
            <button type="submit" className="button primary" disabled={saving}>{saving ? "Saving…" : sloId ? "Save changes" : "Create SLO"}</button>
          ) : (
            <ReadOnlyNote what="Saving an SLO" />
          )}
        </div>
      </form>
      <SloPreview result={preview.data ?? null} isFetching={preview.isFetching} error={preview.error} />
    </div>
  );
}
