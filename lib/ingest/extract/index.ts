import type { DocumentKind } from "@/lib/config/constants";
import { extractCsv } from "./csv";
import { extractDocx } from "./docx";
import { extractHtml } from "./html";
import type { OcrOptions } from "./ocr";
import { extractPdf } from "./pdf";
import { extractPptx } from "./pptx";
import { extractText } from "./text";
import type { ExtractedDocument, ExtractLimits } from "./types";
import { extractXlsx } from "./xlsx";

export type { OcrOptions } from "./ocr";
export type { ExtractedDocument, ExtractLimits, PageText, WordBox } from "./types";

/** Extracts the text of the file at `file`, page by page; runs inside the ingestion worker thread. */
export async function extract({
  kind,
  file,
  limits,
  ocr = null,
}: {
  kind: DocumentKind;
  file: string;
  limits: ExtractLimits;
  /** OCR for PDF pages without a usable text layer; null (the default) leaves them empty. */
  ocr?: OcrOptions | null;
}): Promise<ExtractedDocument> {
  switch (kind) {
    case "pdf":
      return extractPdf(file, { ocr });
    case "docx":
      return extractDocx(file, limits);
    case "xlsx":
      return extractXlsx(file, limits);
    case "pptx":
      return extractPptx(file, limits);
    case "html":
      return extractHtml(file);
    case "csv":
      return extractCsv(file);
    case "markdown":
    case "text":
      return extractText(kind, file);
  }
}
