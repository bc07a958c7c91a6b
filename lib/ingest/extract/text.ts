import { AppError } from "@/lib/errors";
import type { ExtractedDocument, PageText } from "./types";

/** A document extracted in one step, as a single batch of pages. */
export async function* singleBatch(pages: PageText[]): AsyncGenerator<PageText[]> {
  yield pages;
}

export function extractText(kind: "text" | "markdown", data: Uint8Array): ExtractedDocument {
  if (data.includes(0)) {
    throw new AppError("unprocessable", "This file contains binary data, not text.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    // Not UTF-8: read it as Windows-1252, the usual encoding of older plain-text files.
    text = new TextDecoder("windows-1252").decode(data);
  }
  return { kind, pageCount: null, pages: singleBatch([{ page: null, text }]) };
}
