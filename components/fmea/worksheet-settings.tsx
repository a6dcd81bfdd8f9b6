"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { WorksheetView } from "@/lib/schemas/fmea";
import { apiWrite } from "./api-write";

type Props = { sheet: Pick<WorksheetView, "id" | "title" | "service" | "description">; services: { slug: string; name: string }[] };

/** Rename a worksheet, move it to another service, or delete it with its rows. */
export function WorksheetSettings({ sheet, services }: Props) {
  const router = useRouter();
  const [title, setTitle] = useState(sheet.title);
  const [service, setService] = useState(sheet.service?.slug ?? "");
  const [description, setDescription] = useState(sheet.description ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const res = await apiWrite(`/api/fmea/worksheets/${sheet.id}`, { method: "PUT", json: { title, service: service || null, description: description || null } });
    setMessage(res.ok ? "Saved." : res.status === 409 ? "A worksheet with this title exists." : (res.issues[0]?.message ?? res.message));
    if (res.ok) router.refresh();
  };
  const remove = async () => {
    if (!window.confirm(`Delete the worksheet "${sheet.title}" and all its failure modes?`)) return;
    const res = await apiWrite(`/api/fmea/worksheets/${sheet.id}`, { method: "DELETE" });
    if (!res.ok) return setMessage(res.message);
    router.push("/fmea");
  };
  return (
    <details className="card fmea-add">
      <summary>Worksheet settings</summary>
      <form className="fmea-new" onSubmit={save} aria-label="Worksheet settings">
        <label htmlFor="fmea-sheet-title">Title</label>
        <input id="fmea-sheet-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor="fmea-sheet-service">Service</label>
        <select id="fmea-sheet-service" value={service} onChange={(e) => setService(e.target.value)}>
          <option value="">None (a system spanning services)</option>
          {services.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
        </select>
        <label htmlFor="fmea-sheet-description">Description</label>
        <input id="fmea-sheet-description" value={description} onChange={(e) => setDescription(e.target.value)} />
        <button type="submit" className="button primary">Save worksheet</button>
        <button type="button" className="button danger" onClick={remove}>Delete worksheet</button>
        {message ? <span role="status">{message}</span> : null}
      </form>
    </details>
  );
}
