import "server-only";
import { type DocumentJson, toDocumentJson } from "../document-json";
import type { FileOutcome } from "./register-files";

export type UploadedDocumentJson =
  | (DocumentJson & { duplicate: boolean })
  | { name: string; status: "failed"; error: string };

/**
 * The answer to an upload: 202 when any file was queued, 200 when every file was already there, or
 * the first refusal's status; `documents` gives each file's outcome in the order they were sent.
 */
export function uploadResponse(outcomes: FileOutcome[]): Response {
  const documents: UploadedDocumentJson[] = outcomes.map((outcome) =>
    outcome.ok
      ? { ...toDocumentJson(outcome.document), duplicate: outcome.duplicate }
      : { name: outcome.name, status: "failed", error: outcome.error.message },
  );
  const failure = outcomes.find((outcome) => !outcome.ok);
  if (failure && !failure.ok) {
    return Response.json({ error: failure.error.message, documents }, { status: failure.error.status });
  }
  const queued = outcomes.some((outcome) => outcome.ok && !outcome.duplicate);
  return Response.json({ documents }, { status: queued ? 202 : 200 });
}
