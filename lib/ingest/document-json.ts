import type { DocumentRow } from "@/lib/db/schema";

/** How a document is shown through the HTTP API and in the UI. */
export type DocumentJson = {
  id: string;
  name: string;
  kind: DocumentRow["kind"];
  pages: number | null;
  chunks: number;
  bytes: number;
  status: DocumentRow["status"];
  createdAt: string;
};

export function toDocumentJson(row: DocumentRow): DocumentJson {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    pages: row.pages,
    chunks: row.chunks,
    bytes: row.bytes,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}
