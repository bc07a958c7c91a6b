import path from "node:path";
import { ACCEPTED_TYPES, ACCEPTED_TYPES_LABEL, type DocumentKind } from "@/lib/config/constants";
import { AppError } from "@/lib/errors";
import { extractDocx } from "./docx";
import { extractPdf } from "./pdf";
import { extractText } from "./text";
import type { ExtractedDocument } from "./types";

export type { ExtractedDocument, PageText } from "./types";

const PDF_MAGIC = "%PDF-";
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Decides a file's kind from its extension, declared type and first bytes. The extension or type
 * must name an accepted kind, and binary kinds must carry their signature.
 */
export function detectKind({
  name,
  mimeType,
  data,
}: {
  name: string;
  mimeType: string;
  data: Uint8Array;
}): DocumentKind {
  const extension = path.extname(name).toLowerCase();
  const baseType = mimeType.split(";")[0].trim().toLowerCase();
  const kinds = Object.entries(ACCEPTED_TYPES) as [DocumentKind, (typeof ACCEPTED_TYPES)[DocumentKind]][];
  const byExtension = kinds.find(([, type]) =>
    (type.extensions as readonly string[]).includes(extension),
  )?.[0];
  const byType = kinds.find(([, type]) => (type.mimeTypes as readonly string[]).includes(baseType))?.[0];
  const startsWithPdf = Buffer.from(data.subarray(0, 1024)).toString("latin1").includes(PDF_MAGIC);
  const startsWithZip = ZIP_MAGIC.every((byte, n) => data[n] === byte);

  // An extension we do not accept is refused even when the declared type claims text.
  const kind = extension && !byExtension ? undefined : (byExtension ?? byType);
  if (!kind) {
    throw new AppError(
      "unsupported_media_type",
      `"${name}" is not a supported type. Upload ${ACCEPTED_TYPES_LABEL} files.`,
    );
  }
  if (kind === "docx" && !startsWithZip) {
    throw new AppError("unprocessable", `"${name}" is not a valid DOCX file: it may be damaged.`);
  }
  if (kind === "pdf" && !startsWithPdf) {
    throw new AppError("unprocessable", `"${name}" is not a valid PDF file: it may be damaged.`);
  }
  return kind;
}

export async function extract(kind: DocumentKind, data: Uint8Array): Promise<ExtractedDocument> {
  switch (kind) {
    case "pdf":
      return extractPdf(data);
    case "docx":
      return extractDocx(data);
    case "markdown":
    case "text":
      return extractText(kind, data);
  }
}
