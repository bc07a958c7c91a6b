import { ingestFile } from "@/lib/ingest/ingest-file";

/** Uploads bytes as a file through the upload handler and waits until the queue has indexed them. */
export function ingestBytes({ name, mimeType, data }: { name: string; mimeType: string; data: Uint8Array }) {
  return ingestFile(new File([new Uint8Array(data)], name, { type: mimeType }));
}
