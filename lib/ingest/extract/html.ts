// HTML files, run inside the ingestion worker thread: decoded as text files are, then written as
// Markdown (headings, lists and tables kept; scripts, styles and images dropped).
import { readFile } from "node:fs/promises";
import { AppError } from "@/lib/errors";
import { htmlToMarkdown } from "./html-markdown";
import { decodeText, singleBatch } from "./text";
import type { ExtractedDocument } from "./types";

export async function extractHtml(path: string): Promise<ExtractedDocument> {
  const markdown = htmlToMarkdown(decodeText(await readFile(path)));
  if (!markdown.trim()) throw new AppError("unprocessable", "This HTML file has no text to index.");
  return { kind: "html", pageCount: null, pages: singleBatch([{ page: null, text: markdown }]) };
}
