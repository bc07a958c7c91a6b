// DOCX extraction, run inside the ingestion worker thread: nothing here may import Next or read
// process.env. mammoth inflates the whole archive into memory, so the zip guard sees the file first.
import mammoth from "mammoth";
import { AppError } from "@/lib/errors";
import { htmlToMarkdown } from "./html-markdown";
import { singleBatch } from "./text";
import type { ExtractedDocument, ExtractLimits } from "./types";
import { checkZipExpansion } from "./zip-guard";

const DAMAGED_MESSAGE = "This file could not be read as a DOCX document: it may be damaged.";

/**
 * Reads the DOCX file at `path` as Markdown (headings, lists and tables kept), refusing one that
 * unzips to more than the limits allow.
 */
export async function extractDocx(path: string, limits: ExtractLimits): Promise<ExtractedDocument> {
  let text: string;
  try {
    await checkZipExpansion(path, { maxUnzippedBytes: limits.maxUnzippedBytes });
    text = htmlToMarkdown((await mammoth.convertToHtml({ path })).value);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("unprocessable", DAMAGED_MESSAGE, { cause: error });
  }
  return { kind: "docx", pageCount: null, pages: singleBatch([{ page: null, text }]) };
}
