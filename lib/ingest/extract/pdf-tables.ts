// Ruled tables in PDFs, found by pdf.js (pdf-parse 2's getTable, from the lines drawn on the page)
// and written into the page's text as Markdown tables, so that a row's cells are never run together.
// Runs inside the ingestion worker thread.
import { readFile } from "node:fs/promises";
import type { PDFParse } from "pdf-parse";
import { markdownTable } from "./markdown-table";

type Table = string[][];

/** A table counts when it has this many rows and columns, and most of its cells hold text. */
const MIN_ROWS = 2;
const MIN_COLUMNS = 2;
const MIN_FILLED_SHARE = 0.6;
/** Share of a table's rows that must be found, in order, as lines of the page's text to replace them. */
const MIN_ROWS_FOUND = 0.8;

const normalized = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * A real table, not a figure's boxes: pdf.js also finds "tables" in diagrams, whose cells are
 * empty or hold a label or two.
 */
function isTable(rows: Table): boolean {
  const width = Math.max(0, ...rows.map((row) => row.length));
  const cells = rows.flat();
  const filled = cells.filter((cell) => normalized(cell) !== "").length;
  return rows.length >= MIN_ROWS && width >= MIN_COLUMNS && filled >= cells.length * MIN_FILLED_SHARE;
}

/**
 * `text` with the lines that hold `table`'s rows replaced by the table in Markdown. The rows must be
 * found in order as consecutive lines (each line a row's cells joined by spaces, as PDFium lays them
 * out); otherwise the text is left as it is, which never loses a word.
 */
export function withTable(text: string, table: Table): string {
  const lines = text.split("\n");
  const rows = table.map((row) => normalized(row.join(" ")));
  for (let start = 0; start + rows.length <= lines.length; start++) {
    if (normalized(lines[start]) !== rows[0]) continue;
    const found = rows.filter((row, n) => normalized(lines[start + n]) === row).length;
    if (found < rows.length * MIN_ROWS_FOUND) continue;
    const cells = table.map((row) => row.map(normalized));
    return [...lines.slice(0, start), markdownTable(cells), ...lines.slice(start + rows.length)].join("\n");
  }
  return text;
}

/**
 * Reads the tables of a document's pages with pdf.js, opened on first use: most pages never need it
 * (PDFium's count of the lines drawn on a page decides which are asked).
 */
export class PdfTableReader {
  private parser: Promise<PDFParse> | undefined;

  constructor(private readonly path: string) {}

  private open(): Promise<PDFParse> {
    this.parser ??= (async () => {
      const { PDFParse } = await import("pdf-parse");
      const bytes = await readFile(this.path);
      return new PDFParse({ data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    })();
    return this.parser;
  }

  /** The real tables pdf.js finds on these pages, by page; a page it cannot read has none. */
  async tables(pages: number[]): Promise<Map<number, Table[]>> {
    const found = new Map<number, Table[]>();
    if (pages.length === 0) return found;
    try {
      const result = await (await this.open()).getTable({ partial: pages });
      for (const { num, tables } of result.pages) {
        const real = tables.filter(isTable);
        if (real.length > 0) found.set(num, real);
      }
    } catch (error) {
      // The text is there without the tables: PDFium read it.
      console.warn("[pdf] tables could not be read", error);
    }
    return found;
  }

  async close(): Promise<void> {
    const parser = this.parser;
    this.parser = undefined;
    if (parser) await (await parser).destroy();
  }
}
