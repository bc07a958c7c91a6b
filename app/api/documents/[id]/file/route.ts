import { Readable } from "node:stream";
import parseRange from "range-parser";
import { requirePerson } from "@/lib/auth/person";
import { ACCEPTED_TYPES } from "@/lib/config/constants";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { attachment, handleErrors } from "@/lib/http";
import { type ByteRange, originalStore } from "@/lib/originals/store";
import { type DocumentParams, documentFrom } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Streams a document's original file, as a download under its own name. One byte range (Range:
 * bytes=a-b) is served as 206, so the viewer's pdf.js reads the pages it shows, not a whole 50 MB
 * file first; the content hash is its ETag.
 */
export const GET = handleErrors(
  "GET /api/documents/[id]/file",
  async (request: Request, context: DocumentParams) => {
    const document = await documentFrom(await getDb(), context, await requirePerson(request));
    const etag = `"${document.sha256}"`;
    const headers: Record<string, string> = {
      // The stored type is the client's claim; the served one is the canonical type of the checked kind.
      "content-type": ACCEPTED_TYPES[document.kind].mimeTypes[0],
      "content-disposition": attachment(document.name),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-cache",
      "accept-ranges": "bytes",
      etag,
    };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

    const range = requestedRange(request, document.bytes, etag);
    if (range === "unsatisfiable") {
      return new Response(null, {
        status: 416,
        headers: { ...headers, "content-range": `bytes */${document.bytes}` },
      });
    }
    const original = await originalStore().read(document.id, range ?? undefined);
    if (!original) {
      throw new AppError(
        "not_found",
        `The original of "${document.name}" is not kept: it was uploaded before originals were stored.`,
      );
    }
    const body = Readable.toWeb(original) as ReadableStream<Uint8Array>;
    if (!range)
      return new Response(body, { headers: { ...headers, "content-length": String(document.bytes) } });
    return new Response(body, {
      status: 206,
      headers: {
        ...headers,
        "content-length": String(range.end - range.start + 1),
        "content-range": `bytes ${range.start}-${range.end}/${document.bytes}`,
      },
    });
  },
);

/** The one byte range asked for; null for the whole file (no Range, several ranges, a stale If-Range). */
function requestedRange(request: Request, size: number, etag: string): ByteRange | "unsatisfiable" | null {
  const header = request.headers.get("range");
  if (!header) return null;
  const ifRange = request.headers.get("if-range");
  if (ifRange && ifRange !== etag) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return "unsatisfiable";
  if (ranges === -2 || ranges.type !== "bytes" || ranges.length !== 1) return null;
  return { start: ranges[0].start, end: ranges[0].end };
}
