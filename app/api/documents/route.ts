import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { AppError, toAppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { toDocumentJson } from "@/lib/ingest/document-json";
import { ingestDocument } from "@/lib/ingest/index-document";
import { uploadSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

export const GET = handleErrors("GET /api/documents", async () => {
  const documents = await listDocuments(await getDb());
  return Response.json({ documents: documents.map(toDocumentJson) });
});

function megabytes(bytes: number) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function readUpload(request: Request): Promise<File[]> {
  const maxBytes = env().MAX_UPLOAD_MB * 1024 * 1024;
  const declared = Number(request.headers.get("content-length") ?? 0);
  // Multipart overhead is small; refuse clearly oversized bodies before reading them.
  if (declared > maxBytes + 1024 * 1024) {
    throw new AppError(
      "payload_too_large",
      `The upload is ${megabytes(declared)}; the limit is ${env().MAX_UPLOAD_MB} MB per file.`,
    );
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError(
      "bad_request",
      "Send the documents as multipart/form-data, one `file` field per document.",
    );
  }
  const parsed = uploadSchema.safeParse({ files: form.getAll("file") });
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0].message);
  for (const file of parsed.data.files) {
    if (file.size > maxBytes) {
      throw new AppError(
        "payload_too_large",
        `"${file.name}" is ${megabytes(file.size)}; the limit is ${env().MAX_UPLOAD_MB} MB per file.`,
      );
    }
  }
  return parsed.data.files;
}

type FileOutcome =
  | { ok: true; document: ReturnType<typeof toDocumentJson>; duplicate: boolean }
  | { ok: false; name: string; error: AppError };

async function ingestFile(
  file: File,
  request: Request,
  onProgress?: Parameters<typeof ingestDocument>[0]["onProgress"],
): Promise<FileOutcome> {
  try {
    const { document, duplicate } = await ingestDocument({
      name: file.name,
      mimeType: file.type,
      data: new Uint8Array(await file.arrayBuffer()),
      onProgress,
      signal: request.signal,
    });
    return { ok: true, document: toDocumentJson(document), duplicate };
  } catch (error) {
    return { ok: false, name: file.name, error: toAppError(error, "POST /api/documents") };
  }
}

/**
 * Indexes the uploaded files and answers once they are searchable. With `Accept: application/x-ndjson`
 * it streams one JSON line per progress step instead, ending with each file's document or error.
 */
export const POST = handleErrors("POST /api/documents", async (request: Request) => {
  const files = await readUpload(request);
  if (request.headers.get("accept")?.includes("application/x-ndjson")) return streamIngestion(files, request);

  const outcomes: FileOutcome[] = [];
  for (const file of files) outcomes.push(await ingestFile(file, request));
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
});

function streamIngestion(files: File[], request: Request): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: Record<string, unknown>) =>
        controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      for (const [file, fileIndex] of files.map((file, n) => [file, n] as const)) {
        const outcome = await ingestFile(file, request, (progress) =>
          send({ type: "progress", file: fileIndex, ...progress }),
        );
        if (outcome.ok)
          send({
            type: "document",
            file: fileIndex,
            document: outcome.document,
            duplicate: outcome.duplicate,
          });
        else
          send({
            type: "error",
            file: fileIndex,
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
