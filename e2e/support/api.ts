import type { APIRequestContext } from "@playwright/test";
import type { UploadFile } from "./files";

export type DocumentBody = {
  id: string;
  name: string;
  kind: string;
  pages: number | null;
  chunks: number;
  bytes: number;
  /** "queued" | "indexing" | "ready" | "failed"; refused files of an upload answer are "failed" without an id. */
  status: string;
  createdAt: string;
  progress?: {
    pagesDone: number;
    pageCount: number | null;
    chunksDone: number;
    chunksTotal: number | null;
    readingOcr: boolean;
  };
  /** Pages read by OCR, and pages with no text even after OCR. */
  ocrPages?: number[];
  emptyPages?: number[];
  duplicate?: boolean;
  error?: string | null;
};

export type RetrieveResult = {
  documentId: string;
  documentName: string;
  page: number | null;
  chunkIndex: number;
  section: string;
  text: string;
  score: number;
};

/** POST /api/documents with one `file` field per document, as a browser form would send it. */
export async function upload(request: APIRequestContext, files: UploadFile[], baseURL = "") {
  const form = new FormData();
  for (const file of files)
    form.append("file", new File([new Uint8Array(file.buffer)], file.name, { type: file.mimeType }));
  const response = await request.post(`${baseURL}/api/documents`, { multipart: form });
  return {
    status: response.status(),
    body: (await response.json()) as { documents?: DocumentBody[]; error?: string },
  };
}

export async function retrieveFrom(
  request: APIRequestContext,
  body: { query: string; k?: number; documentIds?: string[]; exact?: unknown; rerank?: unknown },
  baseURL = "",
) {
  const response = await request.post(`${baseURL}/api/retrieve`, { data: body });
  return {
    status: response.status(),
    body: (await response.json()) as {
      results?: RetrieveResult[];
      search?: "exact" | "approximate";
      methods?: string[];
      reranked?: "lexical" | "model" | null;
      error?: string;
    },
    serverTiming: response.headers()["server-timing"] ?? null,
  };
}

export async function listDocuments(request: APIRequestContext, baseURL = ""): Promise<DocumentBody[]> {
  const response = await request.get(`${baseURL}/api/documents`);
  return ((await response.json()) as { documents: DocumentBody[] }).documents;
}

export async function deleteAllDocuments(request: APIRequestContext, baseURL = "") {
  for (const document of await listDocuments(request, baseURL)) {
    await request.delete(`${baseURL}/api/documents/${document.id}`);
  }
}
