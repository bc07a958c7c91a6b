// CSV files, run inside the ingestion worker thread: parsed with csv-parse (quoted fields, embedded
// line breaks, a byte-order mark), written as one Markdown table whose first row is the header,
// which the chunker repeats in every chunk the table continues into.
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import { markdownTable } from "./markdown-table";
import { decodeText, singleBatch } from "./text";
import type { ExtractedDocument } from "./types";

export function csvToMarkdown(text: string): string {
  let records: string[][];
  try {
    // The delimiter is guessed among the usual ones: a comma, a semicolon (European spreadsheets), a tab.
    const lineEnd = text.indexOf("\n");
    const firstLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
    const delimiter = [",", ";", "\t"].reduce((best, candidate) =>
      firstLine.split(candidate).length > firstLine.split(best).length ? candidate : best,
    );
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("unprocessable", `This file could not be read as CSV: ${reason}`, { cause: error });
  }
  if (records.length === 0) throw new AppError("unprocessable", "This CSV file has no rows.");
  return markdownTable(records);
}

export async function extractCsv(path: string): Promise<ExtractedDocument> {
  const markdown = csvToMarkdown(decodeText(await readFile(path)));
  return { kind: "csv", pageCount: null, pages: singleBatch([{ page: null, text: markdown }]) };
}
