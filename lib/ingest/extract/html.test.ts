import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { extractHtml } from "./html";
import { htmlToMarkdown } from "./html-markdown";

const folder = mkdtempSync(path.join(tmpdir(), "html-extract-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function textOf(file: string): Promise<string> {
  let text = "";
  for await (const batch of (await extractHtml(file)).pages) text += batch.map((page) => page.text).join("");
  return text;
}

function write(name: string, data: string | Buffer): string {
  const file = path.join(folder, name);
  writeFileSync(file, data);
  return file;
}

describe("HTML extraction", () => {
  it("reads a real generated page as Markdown: headings kept, layout tables and links read as their words", async () => {
    const text = await textOf(path.resolve("e2e/fixtures/libxslt-variables.html"));
    expect(text).toContain("## Module variables from libxslt");
    expect(text).toContain("### Function: xsltEvalGlobalVariables");
    expect(text).toContain("Evaluates all global variables and parameters of a stylesheet.");
    // Nothing of the markup is left: no HTML, no link addresses, no images.
    expect(text).not.toMatch(/<table|<div|\]\(|!\[|\.png/);
  });

  it("writes a data table as a Markdown table, and drops scripts and styles", () => {
    const markdown = htmlToMarkdown(
      "<style>p{color:red}</style><script>alert('x')</script><h2>Modes</h2><table><thead><tr><th>Mode</th><th>Bit-rate</th></tr></thead><tbody><tr><td>3</td><td>8,000</td></tr><tr><td>4</td><td>11,000</td></tr></tbody></table>",
    );
    expect(markdown).toBe("## Modes\n\n| Mode | Bit-rate |\n| --- | --- |\n| 3 | 8,000 |\n| 4 | 11,000 |");
  });

  it("refuses a file that is not text, and a page with no text, saying so", async () => {
    const binary = write(
      "image.html",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    await expect(textOf(binary)).rejects.toBeInstanceOf(AppError);
    const empty = write(
      "empty.html",
      "<html><head><script>var a = 1;</script></head><body><img src=x.png></body></html>",
    );
    await expect(textOf(empty)).rejects.toThrow("This HTML file has no text to index.");
  });
});
