import { plural } from "../format";
import type { Upload } from "./use-uploads";

function counts(
  { pagesDone, pageCount, chunksDone, chunksTotal }: Upload,
  { final }: { final: boolean },
): string[] {
  const parts: string[] = [];
  if (pageCount !== null) parts.push(final ? plural(pageCount, "page") : `${pagesDone}/${pageCount} pages`);
  if (!final && chunksTotal !== null) parts.push(`${chunksDone}/${chunksTotal} chunks`);
  // Text files have no pages, so a zero chunk count would be their only, and least useful, number.
  else if (pageCount !== null || chunksDone > 0) parts.push(plural(chunksDone, "chunk"));
  return parts;
}

/** One line saying where a file is, e.g. "Extracting · 48/140 pages · 64 chunks". */
export function progressText(upload: Upload): string {
  switch (upload.status) {
    case "queued":
      return "Waiting for a free upload slot";
    case "uploading":
      return `Uploading · ${Math.floor((100 * upload.uploadedBytes) / Math.max(upload.bytes, 1))}%`;
    case "extracting":
      return ["Extracting", ...counts(upload, { final: false })].join(" · ");
    case "embedding":
      return [
        upload.stage === "finishing" ? "Finishing" : "Embedding",
        ...counts(upload, { final: false }),
      ].join(" · ");
    case "done":
      return [upload.duplicate ? "Already uploaded" : "Done", ...counts(upload, { final: true })].join(" · ");
    case "error":
      return "Failed";
  }
}

/** How far along the current phase is, from 0 to 1, or null when the server gives no total. */
export function progressFraction(upload: Upload): number | null {
  switch (upload.status) {
    case "queued":
      return 0;
    case "uploading":
      return upload.uploadedBytes / Math.max(upload.bytes, 1);
    case "extracting":
      return upload.pageCount ? upload.pagesDone / upload.pageCount : null;
    case "embedding":
      return upload.chunksTotal ? upload.chunksDone / upload.chunksTotal : null;
    case "done":
    case "error":
      return 1;
  }
}
