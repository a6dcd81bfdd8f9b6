import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/postmortems/markdown";

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("Markdown rendering of user text", () => {
  it("renders Markdown", () => {
    expect(html("**5 %** of `checkouts`\n\n- one")).toBe('<div class="markdown"><p><strong>5 %</strong> of <code>checkouts</code></p>\n<ul>\n<li>one</li>\n</ul></div>');
  });

  it.each([
    ["<script>alert(1)</script>", "<script"],
    ['<img src=x onerror="alert(1)">', "<img"],
    ["[click](javascript:alert(1))", "javascript:"],
  ])("never lets %j through as HTML", (text, forbidden) => {
    expect(html(text)).not.toContain(forbidden);
  });

  it("says when a section is empty", () => {
    expect(html("  ")).toBe('<p class="muted">Not written.</p>');
  });
});
