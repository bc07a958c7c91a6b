import type { DocumentKind } from "@/lib/config/constants";
import { extractDocx } from "./docx";
import { extractPdf } from "./pdf";
import { extractText } from "./text";
import type { ExtractedDocument, ExtractLimits } from "./types";

export type { ExtractedDocument, ExtractLimits, PageText } from "./types";

/** Extracts the text of the file at `file`, page by page; runs inside the ingestion worker thread. */
export async function extract({
  kind,
  file,
  limits,
}: {
  kind: DocumentKind;
  file: string;
  limits: ExtractLimits;
}): Promise<ExtractedDocument> {
  switch (kind) {
    case "pdf":
      return extractPdf(file);
    case "docx":
      return extractDocx(file, limits);
    case "markdown":
    case "text":
      return extractText(kind, file);
  }
}
