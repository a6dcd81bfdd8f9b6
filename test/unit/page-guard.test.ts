// Every dashboard page checks who is asking itself (guardPage): the layout's check does not run
// on client navigation or for a request that asks for the page segment alone. A new page
// without the guard fails here.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pages(path.join(dir, e.name)) : e.name === "page.tsx" ? [path.join(dir, e.name)] : [],
  );
}

const found = pages(path.join(process.cwd(), "app", "(dashboard)"));

describe("dashboard pages", () => {
  it("are found", () => {
    expect(found.length).toBeGreaterThan(20);
  });

  it.each(found.map((f) => [path.relative(process.cwd(), f)]))("%s guards itself first, and its metadata too", (file) => {
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/export default async function \w+\([^\n]*\) \{\n {2}await guardPage\(\);\n/);
    if (text.includes("generateMetadata")) expect(text).toMatch(/export async function generateMetadata\([^\n]*\) \{\n {2}await guardPage\(\);\n/);
  });
});
