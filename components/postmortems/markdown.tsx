import ReactMarkdown from "react-markdown";

/**
 * Markdown rendered to React elements, never through innerHTML: raw HTML in the text is not
 * rendered, and react-markdown's URL filter drops javascript: and other unsafe links.
 */
export function Markdown({ text, empty = "Not written." }: { text: string; empty?: string }) {
  if (text.trim() === "") return <p className="muted">{empty}</p>;
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}
