import type { Upload } from "./use-uploads";

/** One line saying where a file is on its way to the server, e.g. "Uploading · 48%". */
export function uploadText(upload: Upload): string {
  switch (upload.status) {
    case "waiting":
      return "Waiting to upload";
    case "uploading":
      return `Uploading · ${Math.floor(100 * uploadFraction(upload))}%`;
    case "duplicate":
      return "Already in your documents";
    case "failed":
      return "Not uploaded";
  }
}

/** Share of the file sent, from 0 to 1. */
export function uploadFraction(upload: Upload): number {
  if (upload.status === "duplicate") return 1;
  return Math.min(1, upload.sentBytes / Math.max(upload.bytes, 1));
}
