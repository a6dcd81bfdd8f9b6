"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { type ApiIssue, apiWrite } from "./api-write";

/** "Row 2, S" for a row's field; the header or the file itself otherwise. */
function where(issue: ApiIssue): string {
  const [scope, row, column] = issue.path;
  if (scope === "rows") return `Row ${row}, ${column}`;
  return scope === "header" ? `Header${row ? `, column ${row}` : ""}` : "File";
}

/** CSV in the export's layout, appended to the worksheet; a file with any bad row imports nothing. */
export function ImportCsv({ worksheetId }: { worksheetId: string }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string; issues: ApiIssue[] } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setResult({ ok: false, message: "Choose a CSV file first.", issues: [] });
    const res = await apiWrite<{ imported: number }>(`/api/fmea/worksheets/${worksheetId}/import`, { method: "POST", body: await file.text(), contentType: "text/csv" });
    if (!res.ok) return setResult({ ok: false, message: res.message, issues: res.issues });
    setResult({ ok: true, message: `Imported ${res.data.imported} rows.`, issues: [] });
    router.refresh();
  };
  return (
    <form className="fmea-import" onSubmit={submit} aria-labelledby="fmea-import-title">
      <h2 id="fmea-import-title">Import CSV</h2>
      <label htmlFor="fmea-import-file">CSV file to import</label>
      <input id="fmea-import-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <button type="submit" className="button">Import rows</button>
      {result ? (
        <div role={result.ok ? "status" : "alert"} className={result.ok ? "status" : "field-error"} data-state={result.ok ? "ok" : undefined}>
          {result.message}
          {result.issues.length ? (
            <ul>{result.issues.map((i, n) => <li key={n}>{where(i)}: {i.message}</li>)}</ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
