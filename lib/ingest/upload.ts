import "server-only";
import { AppError, toAppError } from "@/lib/errors";
import { type DocumentJson, toDocumentJson } from "./document-json";
import { ingestDocument } from "./index-document";
import type { IngestProgress, UploadEvent } from "./progress";

export type FileOutcome =
  | { ok: true; document: DocumentJson; duplicate: boolean }
  | { ok: false; name: string; error: AppError };

/** Ingests one uploaded file; a failure becomes an outcome, so the other files still go through. */
export async function ingestUploadedFile(
  file: File,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (progress: IngestProgress) => void },
): Promise<FileOutcome> {
  try {
    const { document, duplicate } = await ingestDocument({
      name: file.name,
      mimeType: file.type,
      data: new Uint8Array(await file.arrayBuffer()),
      onProgress,
      signal,
    });
    return { ok: true, document: toDocumentJson(document), duplicate };
  } catch (error) {
    return { ok: false, name: file.name, error: toAppError(error, "upload") };
  }
}

/** The JSON answer once every file is indexed: the first failure's status, and each file's outcome. */
export function uploadResponse(outcomes: FileOutcome[]): Response {
  const documents = outcomes.map((outcome) =>
    outcome.ok
      ? { ...outcome.document, duplicate: outcome.duplicate }
      : { name: outcome.name, status: "failed", error: outcome.error.message },
  );
  const failure = outcomes.find((outcome) => !outcome.ok);
  if (failure && !failure.ok) {
    return Response.json({ error: failure.error.message, documents }, { status: failure.error.status });
  }
  const created = outcomes.some((outcome) => outcome.ok && !outcome.duplicate);
  return Response.json({ documents }, { status: created ? 201 : 200 });
}

/** The NDJSON answer: progress lines while each file is indexed, then its document or error. */
export function uploadProgressResponse(files: File[], signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: UploadEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      for (const [file, index] of files.map((file, n) => [file, n] as const)) {
        const outcome = await ingestUploadedFile(file, {
          signal,
          onProgress: (progress) => send({ type: "progress", file: index, ...progress }),
        });
        if (outcome.ok)
          send({ type: "document", file: index, document: outcome.document, duplicate: outcome.duplicate });
        else
          send({
            type: "error",
            file: index,
            name: outcome.name,
            status: outcome.error.status,
            error: outcome.error.message,
          });
      }
      send({ type: "done" });
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Refuses bodies over what `maxFiles` files of the per-file limit can add up to, before reading them. */
export function checkDeclaredSize(
  request: Request,
  { maxFileBytes, maxFiles }: { maxFileBytes: number; maxFiles: number },
) {
  const declared = Number(request.headers.get("content-length") ?? 0);
  const limit = maxFileBytes * maxFiles + 1024 * 1024;
  if (declared > limit) {
    throw new AppError(
      "payload_too_large",
      `The upload is ${megabytes(declared)}; a request may carry at most ${megabytes(maxFileBytes * maxFiles)} in all (${megabytes(maxFileBytes)} per file). Send the files in separate requests.`,
    );
  }
}

export function checkFileSizes(files: File[], maxFileBytes: number) {
  for (const file of files) {
    if (file.size > maxFileBytes) {
      throw new AppError(
        "payload_too_large",
        `"${file.name}" is ${megabytes(file.size)}; the limit is ${megabytes(maxFileBytes)} per file.`,
      );
    }
  }
}

function megabytes(bytes: number) {
  const value = bytes / 1024 / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}
