"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { type ApiIssue, apiWrite } from "./api-write";
import { bodyOf, RowForm, valuesOf, type FormValues } from "./row-form";

export function AddFailureMode({ worksheetId }: { worksheetId: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ issues: ApiIssue[]; message: string | null; busy: boolean }>({ issues: [], message: null, busy: false });
  const [key, setKey] = useState(0);
  const add = async (values: FormValues) => {
    setStatus({ issues: [], message: null, busy: true });
    const res = await apiWrite("/api/fmea/modes", { method: "POST", json: { worksheetId, row: bodyOf(values) } });
    if (!res.ok) return setStatus({ issues: res.issues, message: res.message, busy: false });
    setStatus({ issues: [], message: null, busy: false });
    setKey((k) => k + 1); // a fresh, empty form for the next row
    router.refresh();
  };
  return (
    <details className="card fmea-add" open={status.issues.length > 0 || undefined}>
      <summary>Add a failure mode</summary>
      <RowForm key={key} id="add" initial={valuesOf(null)} submitLabel="Add failure mode" {...status} onSubmit={add} />
    </details>
  );
}
