"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { type ApiIssue, apiWrite } from "./api-write";

export function NewWorksheetForm({ services }: { services: { slug: string; name: string }[] }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [service, setService] = useState("");
  const [problem, setProblem] = useState<{ message: string; issues: ApiIssue[] } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await apiWrite<{ id: string }>("/api/fmea/worksheets", { method: "POST", json: { title, service: service || null } });
    if (!res.ok) return setProblem({ message: res.status === 409 ? "A worksheet with this title exists." : res.message, issues: res.issues });
    router.push(`/fmea/${res.data.id}`);
  };
  const titleError = problem?.issues.find((i) => i.path[0] === "title")?.message;
  return (
    <form className="fmea-new" onSubmit={submit} aria-label="New worksheet">
      <label htmlFor="fmea-new-title">Title</label>
      <input id="fmea-new-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={titleError ? true : undefined} placeholder="e.g. Checkout" />
      <label htmlFor="fmea-new-service">Service</label>
      <select id="fmea-new-service" value={service} onChange={(e) => setService(e.target.value)}>
        <option value="">None (a system spanning services)</option>
        {services.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
      </select>
      <button type="submit" className="button primary">Create worksheet</button>
      {problem ? <span role="alert" className="field-error">{titleError ?? problem.message}</span> : null}
    </form>
  );
}
