import mammoth from "mammoth";
import { AppError } from "@/lib/errors";
import { singleBatch } from "./text";
import type { ExtractedDocument } from "./types";

export async function extractDocx(data: Uint8Array): Promise<ExtractedDocument> {
  let text: string;
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(data) });
    text = result.value;
  } catch (error) {
    throw new AppError(
      "unprocessable",
      "This file could not be read as a DOCX document: it may be damaged.",
      {
        cause: error,
      },
    );
  }
  return { kind: "docx", pageCount: null, pages: singleBatch([{ page: null, text }]) };
}
