import path from "node:path";
import { ACCEPTED_TYPES, ACCEPTED_TYPES_LABEL, type DocumentKind } from "@/lib/config/constants";
import { AppError } from "@/lib/errors";

// Kept apart from the extractors: the upload route imports this, and must not pull PDFium or
// pdf.js into the server bundle (they run in the ingestion worker thread only).

const PDF_MAGIC = "%PDF-";
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Bytes of a file's start that `checkSignature` needs. */
export const SIGNATURE_BYTES = 1024;

/**
 * A file's kind from its name and declared type, before any of its bytes are read: the extension
 * or type must name an accepted kind.
 */
export function kindFromName({ name, mimeType }: { name: string; mimeType: string }): DocumentKind {
  const extension = path.extname(name).toLowerCase();
  const baseType = mimeType.split(";")[0].trim().toLowerCase();
  const kinds = Object.entries(ACCEPTED_TYPES) as [DocumentKind, (typeof ACCEPTED_TYPES)[DocumentKind]][];
  const byExtension = kinds.find(([, type]) =>
    (type.extensions as readonly string[]).includes(extension),
  )?.[0];
  const byType = kinds.find(([, type]) => (type.mimeTypes as readonly string[]).includes(baseType))?.[0];
  // An extension we do not accept is refused even when the declared type claims text.
  const kind = extension && !byExtension ? undefined : (byExtension ?? byType);
  if (!kind) {
    throw new AppError(
      "unsupported_media_type",
      `"${name}" is not a supported type. Upload ${ACCEPTED_TYPES_LABEL} files.`,
    );
  }
  return kind;
}

/** Binary kinds must start with their signature; `head` is the file's first SIGNATURE_BYTES. */
export function checkSignature({ name, kind, head }: { name: string; kind: DocumentKind; head: Uint8Array }) {
  const startsWithPdf = Buffer.from(head.subarray(0, SIGNATURE_BYTES)).toString("latin1").includes(PDF_MAGIC);
  const startsWithZip = ZIP_MAGIC.every((byte, n) => head[n] === byte);
  if ((kind === "docx" || kind === "xlsx" || kind === "pptx") && !startsWithZip) {
    throw new AppError(
      "unprocessable",
      `"${name}" is not a valid ${kind.toUpperCase()} file: it may be damaged.`,
    );
  }
  if (kind === "pdf" && !startsWithPdf) {
    throw new AppError("unprocessable", `"${name}" is not a valid PDF file: it may be damaged.`);
  }
}

/** A file's kind from its name, declared type and first bytes. */
export function detectKind({ name, mimeType, head }: { name: string; mimeType: string; head: Uint8Array }) {
  const kind = kindFromName({ name, mimeType });
  checkSignature({ name, kind, head });
  return kind;
}
