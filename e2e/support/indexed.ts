import { type APIRequestContext, expect } from "@playwright/test";
import { type DocumentBody, upload } from "./api";
import type { UploadFile } from "./files";

/** Waits until a document has left the queue (ready or failed) and returns it as GET /api/documents/{id} does. */
export async function waitUntilIndexed(
  request: APIRequestContext,
  id: string,
  { baseURL = "", timeout = 90_000 }: { baseURL?: string; timeout?: number } = {},
): Promise<DocumentBody> {
  let document: DocumentBody | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`${baseURL}/api/documents/${id}`);
        if (!response.ok()) return `HTTP ${response.status()}`;
        document = ((await response.json()) as { document: DocumentBody }).document;
        return document.status;
      },
      { timeout, intervals: [100, 200, 500] },
    )
    .toMatch(/^(ready|failed)$/);
  return document as DocumentBody;
}

/**
 * Uploads as POST /api/documents does, then waits for every queued document to be indexed; the
 * answer's status stays the upload's (202 queued, 200 already there), its documents are final.
 */
export async function uploadIndexed(request: APIRequestContext, files: UploadFile[], baseURL = "") {
  const uploaded = await upload(request, files, baseURL);
  const documents = await Promise.all(
    (uploaded.body.documents ?? []).map(async (document) =>
      document.id && (document.status === "queued" || document.status === "indexing")
        ? { ...(await waitUntilIndexed(request, document.id, { baseURL })), duplicate: document.duplicate }
        : document,
    ),
  );
  return { status: uploaded.status, body: { ...uploaded.body, documents } };
}
