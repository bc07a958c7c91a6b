import type { DocumentKind } from "@/lib/config/constants";

/** A word read by OCR, its box as fractions of the page: [left, top, right, bottom]. */
export type WordBox = { text: string; box: [number, number, number, number] };

/** Text of one page; page is 1-based, or null for formats without pages. */
export type PageText = {
  page: number | null;
  text: string;
  /** Set when the page had no usable text layer and was read by OCR: the words it found. */
  ocr?: { words: WordBox[] };
};

export type ExtractedDocument = {
  kind: DocumentKind;
  /** Number of pages for PDFs, null otherwise. */
  pageCount: number | null;
  /** Pages in document order, in batches as extraction makes progress. */
  pages: AsyncIterable<PageText[]>;
};

/** Limits an extractor enforces on what a file may expand to. */
export type ExtractLimits = {
  /** Largest total a zipped format (DOCX) may inflate to; refused with a 413 before inflating. */
  maxUnzippedBytes: number;
};
