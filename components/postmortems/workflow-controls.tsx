"use client";
import { useCanWrite } from "@/components/auth/viewer-context";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeStatusAction } from "@/app/(dashboard)/postmortems/actions";
import { useAuthor } from "./use-author";

const MOVES: Record<string, { to: string; label: string }[]> = {
  draft: [{ to: "in-review", label: "Send for review" }],
  "in-review": [{ to: "published", label: "Publish" }, { to: "draft", label: "Back to draft" }],
  published: [],
};

/** The workflow buttons: draft → in review → published, with the reasons a move is refused. */
export function WorkflowControls({ id, status }: { id: string; status: string }) {
  const router = useRouter();
  const [author, setAuthor] = useAuthor();
  const [problems, setProblems] = useState<string[]>([]);
  const canWrite = useCanWrite();
  const moves = MOVES[status] ?? [];
  if (moves.length === 0 || !canWrite) return null;
  async function move(to: string) {
    const result = await changeStatusAction(id, { to, author });
    if (result.ok) {
      setProblems([]);
      router.refresh();
    } else setProblems(result.issues.length > 0 ? result.issues.map((i) => `${i.path.join(".")}: ${i.message}`) : [result.message]);
  }
  return (
    <div className="card pm-workflow">
      <label>Your name<input value={author} onChange={(e) => setAuthor(e.target.value)} /></label>
      {moves.map((m) => <button key={m.to} type="button" className="button" onClick={() => void move(m.to)}>{m.label}</button>)}
      {problems.length > 0 ? (
        <ul className="pm-error" role="alert">{problems.map((p) => <li key={p}><span aria-hidden="true">✖</span> {p}</li>)}</ul>
      ) : null}
    </div>
  );
}
