"use client";
import { useCanWrite } from "@/components/auth/viewer-context";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { actionItemStatusAction } from "@/app/(dashboard)/postmortems/actions";
import { ACTION_STATUSES } from "@/lib/domain/postmortem";
import { useAuthor } from "./use-author";

/** Changes an action item's status in place; the change is a new version of its postmortem. */
export function ActionItemStatus({ id, status, title }: { id: string; status: string; title: string }) {
  const router = useRouter();
  const [author] = useAuthor();
  const [error, setError] = useState<string | null>(null);
  const canWrite = useCanWrite();
  async function change(next: string) {
    const result = await actionItemStatusAction(id, { status: next, author: author || "anonymous" });
    if (result.ok) router.refresh();
    else setError(result.message);
  }
  if (!canWrite) return <span>{status}</span>;
  return (
    <>
      <select aria-label={`Status of ${title}`} defaultValue={status} onChange={(e) => void change(e.target.value)}>
        {ACTION_STATUSES.map((s) => <option key={s}>{s}</option>)}
      </select>
      {error ? <span className="pm-error" role="alert"> {error}</span> : null}
    </>
  );
}
