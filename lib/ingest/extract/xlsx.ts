// XLSX workbooks, run inside the ingestion worker thread: each worksheet becomes a section (its name as
// the heading) holding one Markdown table, its first non-empty row the header, which the chunker
// repeats above every chunk the table continues into. exceljs reads the whole workbook into memory,
// so the zip guard sees the file first.
import ExcelJS from "exceljs";
import { AppError } from "@/lib/errors";
import { markdownTable } from "./markdown-table";
import { singleBatch } from "./text";
import type { ExtractedDocument, ExtractLimits } from "./types";
import { checkZipExpansion } from "./zip-guard";

const DAMAGED_MESSAGE = "This file could not be read as an XLSX workbook: it may be damaged.";

export async function extractXlsx(path: string, limits: ExtractLimits): Promise<ExtractedDocument> {
  const workbook = new ExcelJS.Workbook();
  try {
    await checkZipExpansion(path, { maxUnzippedBytes: limits.maxUnzippedBytes });
    await workbook.xlsx.readFile(path);
    // exceljs reads any zip, a workbook or not, and finds no sheets in what is not one.
    if (workbook.worksheets.length === 0) throw new Error("no worksheets");
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("unprocessable", DAMAGED_MESSAGE, { cause: error });
  }
  const sections: string[] = [];
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      // row.values is 1-based; a cell's text is what the sheet shows (dates, numbers as formatted).
      const cells = Array.from({ length: row.cellCount }, (_, n) => row.getCell(n + 1).text ?? "");
      if (cells.some((cell) => cell.trim())) rows.push(cells);
    });
    if (rows.length > 0) sections.push(`## ${sheet.name}\n\n${markdownTable(rows)}`);
  });
  if (sections.length === 0) throw new AppError("unprocessable", "This workbook has no cells with values.");
  return { kind: "xlsx", pageCount: null, pages: singleBatch([{ page: null, text: sections.join("\n\n") }]) };
}
