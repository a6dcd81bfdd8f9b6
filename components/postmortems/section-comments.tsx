"use client";
import { useCanWrite } from "@/components/auth/viewer-context";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { commentAction } from "@/app/(dashboard)/postmortems/actions";
import { utc } from "./format";
import { useAuthor } from "./use-author";

type Comment = { id: string; author: string; body: string; createdAt: string };

/** A reviewer's comments on one section, and a box to add one. */
export function SectionComments({ id, section, label, comments }: { id: string; section: string; label: string; comments: Comment[] }) {
  const router = useRouter();
  const [author, setAuthor] = useAuthor();
  const [body, setBody] = useState("");
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canWrite = useCanWrite();
  async function submit() {
    const result = await commentAction(id, { section, author, body });
    if (result.ok) {
      setBody("");
      setError(null);
      setOpen(false);
      router.refresh();
    } else setError(result.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") || result.message);
  }
  return (
    <div className="pm-comments">
      {comments.map((c) => (
        <p key={c.id} className="pm-comment"><strong>{c.author}</strong> <span className="muted">{utc(c.createdAt)}</span><br />{c.body}</p>
      ))}
      {!canWrite ? null : isOpen ? (
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} className="pm-comment-form">
          <label>Your name<input value={author} onChange={(e) => setAuthor(e.target.value)} /></label>
          <label>Comment on {label}<textarea value={body} rows={2} onChange={(e) => setBody(e.target.value)} /></label>
          {error ? <p className="pm-error" role="alert">{error}</p> : null}
          <button type="submit" className="button pm-small">Add comment</button>
        </form>
      ) : (
        <button type="button" className="button pm-small" onClick={() => setOpen(true)}>Comment <span className="pm-sr">on {label}</span></button>
      )}
    </div>
  );
}
