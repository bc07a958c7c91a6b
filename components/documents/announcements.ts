import type { DocumentJson } from "@/lib/ingest/document-json";
import { plural } from "../format";
import type { BatchResult } from "../upload/use-uploads";

/** What a screen reader hears when a request answers: one sentence however many files it carried. */
export function batchMessage({ accepted, refused }: BatchResult): string {
  const queued = accepted.filter((file) => !file.duplicate);
  const duplicates = accepted.filter((file) => file.duplicate);
  const parts: string[] = [];
  if (queued.length === 1) parts.push(`${queued[0].document.name} is uploaded and queued for indexing.`);
  else if (queued.length > 1)
    parts.push(`${plural(queued.length, "file")} uploaded and queued for indexing.`);
  if (duplicates.length === 1) parts.push(`${duplicates[0].document.name} was already uploaded.`);
  else if (duplicates.length > 1) parts.push(`${plural(duplicates.length, "file")} were already uploaded.`);
  if (refused.length === 1) parts.push(`${refused[0].name} was not uploaded: ${refused[0].error}`);
  else if (refused.length > 1) parts.push(`${plural(refused.length, "file")} were not uploaded.`);
  return parts.join(" ");
}

/** What a screen reader hears when indexing ends for some documents. */
export function settledMessage(settled: DocumentJson[]): string {
  const ready = settled.filter((document) => document.status === "ready");
  const failed = settled.filter((document) => document.status === "failed");
  if (settled.length === 1) {
    const [document] = settled;
    return document.status === "ready"
      ? `${document.name} is ready to search.`
      : `${document.name} failed: ${document.error}`;
  }
  const parts: string[] = [];
  if (ready.length > 0) parts.push(`${plural(ready.length, "document")} ready to search.`);
  if (failed.length > 0) parts.push(`${plural(failed.length, "document")} failed.`);
  return parts.join(" ");
}
