import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeTablePdf } from "@/e2e/support/make-pdf";
import { Chunker } from "../chunk";
import { extractPdf } from "./pdf";
import { withTable } from "./pdf-tables";
import type { PageText } from "./types";

const folder = mkdtempSync(path.join(tmpdir(), "pdf-tables-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const MODES = [
  ["Mode", "Quality", "Bit-rate (bps)", "Description"],
  ...Array.from({ length: 8 }, (_, n) => [
    String(n + 1),
    String(n * 2),
    String((n + 1) * 2150),
    `Narrowband mode ${n + 1}`,
  ]),
];

async function pagesOf(bytes: Buffer): Promise<PageText[]> {
  const file = path.join(folder, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const pages: PageText[] = [];
  for await (const batch of (await extractPdf(file)).pages) pages.push(...batch);
  return pages;
}

describe("ruled tables in PDFs", () => {
  it("are written as Markdown tables in place of their rows' lines, the text around them kept", async () => {
    const [page] = await pagesOf(
      await makeTablePdf({
        title: "Table 1: Speex modes",
        rows: MODES,
        after: "Higher modes cost more bits.",
      }),
    );
    const lines = page.text.split("\n").filter((line) => line.trim());
    expect(lines[0]).toBe("Table 1: Speex modes");
    expect(lines.slice(1, 4)).toEqual([
      "| Mode | Quality | Bit-rate (bps) | Description |",
      "| --- | --- | --- | --- |",
      "| 1 | 0 | 2150 | Narrowband mode 1 |",
    ]);
    expect(lines).toContain("| 8 | 14 | 17200 | Narrowband mode 8 |");
    expect(lines.at(-1)).toBe("Higher modes cost more bits.");
    // No row is left behind as run-together cells.
    expect(page.text).not.toContain("1 0 2150 Narrowband");
  });

  it("are chunked row by row, the header repeated, no cell glued to the next", async () => {
    const rows = [
      ["Valve", "Torque (N·m)", "Interval"],
      ...Array.from({ length: 30 }, (_, n) => [`V-${100 + n}`, String(20 + n), `${(n % 12) + 1} months`]),
    ];
    const [page] = await pagesOf(
      await makeTablePdf({ title: "Valves", rows, after: "Check at every interval." }),
    );
    const chunker = new Chunker({ chunkTokens: 96, overlapTokens: 0 });
    const chunks = [...chunker.push(page.text, page.page), ...chunker.flush()];
    const withRow = chunks.find((chunk) => chunk.text.includes("V-125"));
    expect(withRow?.text).toMatch(
      /^(Valves\n\n)?\| Valve \| Torque \(N·m\) \| Interval \|\n\| --- \| --- \| --- \|\n/,
    );
    expect(withRow?.text).toContain("| V-125 | 45 | 2 months |");
  });

  it("leave a figure's boxed labels as the text they are", async () => {
    const [, figure] = await pagesOf(
      await makeTablePdf({ title: "Table", rows: MODES, after: "End.", diagram: true }),
    );
    expect(figure.text).toContain("Figure 1: the encoder's stages");
    expect(figure.text).toMatch(/Input/);
    expect(figure.text).not.toContain("|");
  });
});

describe("withTable", () => {
  const table = [
    ["Name", "Value"],
    ["alpha", "1"],
    ["beta", "2"],
  ];

  it("replaces the consecutive lines holding the rows", () => {
    expect(withTable("Intro\nName Value\nalpha 1\nbeta 2\nOutro", table)).toBe(
      "Intro\n| Name | Value |\n| --- | --- |\n| alpha | 1 |\n| beta | 2 |\nOutro",
    );
  });

  it("leaves the text as it is when the rows are not its lines", () => {
    const text = "Intro\nName Value alpha\n1 beta 2\nOutro";
    expect(withTable(text, table)).toBe(text);
  });
});
