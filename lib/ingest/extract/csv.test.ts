import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../chunk";
import { csvToMarkdown } from "./csv";

describe("CSV extraction", () => {
  it("writes a real table (Speex's modes) as one Markdown table, quoted commas kept inside their cells", () => {
    const markdown = csvToMarkdown(readFileSync(path.resolve("e2e/fixtures/speex-modes.csv"), "utf8"));
    const lines = markdown.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "| Mode | Quality | Bit-rate (bps) | mflops | Quality/description |",
      "| --- | --- | --- | --- | --- |",
      "| 0 | - | 250 | 0 | No transmission (DTX) |",
      "| 1 | 0 | 2,150 | 6 | Vocoder (mostly for comfort noise) |",
    ]);
    expect(lines).toHaveLength(2 + 16);
  });

  it("reads semicolons, ragged rows, line breaks and pipes inside quoted cells", () => {
    const markdown = csvToMarkdown('\ufeffName;Note\n"Smith; J.";"two\nlines | here"\nShort\n');
    expect(markdown).toBe("| Name | Note |\n| --- | --- |\n| Smith; J. | two lines \\| here |\n| Short | |");
  });

  it("keeps the header above every chunk of a long table", () => {
    const rows = Array.from({ length: 300 }, (_, n) => `${n},sensor-${n},${(n * 0.37).toFixed(2)}`);
    const markdown = csvToMarkdown(["id,name,reading", ...rows].join("\n"));
    const chunks = chunkDocument([{ page: null, text: markdown }], { chunkTokens: 128, overlapTokens: 16 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks)
      expect(chunk.text.startsWith("| id | name | reading |\n| --- | --- | --- |\n")).toBe(true);
  });

  it("says why a damaged CSV cannot be read", () => {
    expect(() => csvToMarkdown('a,b\n"never closed,1\n')).toThrow(
      /^This file could not be read as CSV: .*quote/i,
    );
    expect(() => csvToMarkdown("\n\n")).toThrow("This CSV file has no rows.");
  });
});
