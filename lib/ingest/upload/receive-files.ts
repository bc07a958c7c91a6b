import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import type { DocumentKind } from "@/lib/config/constants";
import { AppError } from "@/lib/errors";
import type { OriginalStore } from "@/lib/originals/store";
import { cleanDocumentName } from "../document-name";
import { kindFromName, SIGNATURE_BYTES } from "../extract/detect-kind";

/** A file of the request, stored under `id` as it arrived, not yet registered as a document. */
export type ReceivedFile = {
  /** Position among the request's files. */
  order: number;
  id: string;
  name: string;
  mimeType: string;
  kind: DocumentKind;
  bytes: number;
  sha256: string;
  head: Uint8Array;
};

/** A file refused on its own (its type); the request's other files go on. */
export type RefusedFile = { order: number; name: string; error: AppError };

export type UploadLimits = { maxFileBytes: number; maxRequestBytes: number; maxFiles: number };

export function megabytes(bytes: number) {
  const value = bytes / 1024 / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MB`;
}

function fileTooLarge(name: string, maxFileBytes: number) {
  return new AppError(
    "payload_too_large",
    `"${name}" is larger than ${megabytes(maxFileBytes)}, the limit per file. Split it or compress its images, then upload it again.`,
  );
}

function requestTooLarge(maxRequestBytes: number, maxFileBytes: number) {
  return new AppError(
    "payload_too_large",
    `A request may carry at most ${megabytes(maxRequestBytes)} of documents (${megabytes(maxFileBytes)} per file). Send the files in separate requests.`,
  );
}

/**
 * Reads a multipart/form-data body as a stream: each `file` field goes to the original store as it
 * arrives, hashed on the way, and nothing is held whole in memory. A file over the per-file limit or
 * a body over the request limit stops the read at once with a 413, with or without a content-length,
 * and nothing of the request is kept.
 */
export async function receiveFiles(
  request: Request,
  { store, limits }: { store: OriginalStore; limits: UploadLimits },
): Promise<{ received: ReceivedFile[]; refused: RefusedFile[]; collectionId?: string }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) {
    throw new AppError(
      "bad_request",
      "Send the documents as multipart/form-data, one `file` field per document.",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  // Multipart framing adds a little to the files' own bytes.
  if (declared > limits.maxRequestBytes + 64 * 1024 * (limits.maxFiles + 1)) {
    throw requestTooLarge(limits.maxRequestBytes, limits.maxFileBytes);
  }

  const received: ReceivedFile[] = [];
  let collectionId: string | undefined;
  let order = 0;
  const refused: RefusedFile[] = [];
  const writes: Promise<unknown>[] = [];
  let requestBytes = 0;
  let failure: AppError | undefined;

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as UTF-8; busboy's default would read them as Latin-1.
      defParamCharset: "utf8",
      limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 32, fieldSize: 64 * 1024 },
    });
  } catch {
    throw new AppError("bad_request", "The multipart body has no boundary; send it as multipart/form-data.");
  }
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);

  const done = new Promise<void>((resolve, reject) => {
    const fail = (error: AppError) => {
      if (failure) return;
      failure = error;
      body.unpipe(parser);
      body.destroy();
      reject(failure);
    };

    parser.on("file", (field, file, info) => {
      if (failure) return file.resume();
      const name = cleanDocumentName(info.filename || "untitled");
      if (field !== "file") {
        file.resume();
        return;
      }
      let kind: DocumentKind;
      try {
        kind = kindFromName({ name, mimeType: info.mimeType });
      } catch (error) {
        refused.push({ order: order++, name, error: error as AppError });
        file.resume();
        return;
      }
      const id = randomUUID();
      const position = order++;
      const hash = createHash("sha256");
      const head: Buffer[] = [];
      let headBytes = 0;
      let bytes = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          requestBytes += chunk.length;
          if (requestBytes > limits.maxRequestBytes) {
            fail(requestTooLarge(limits.maxRequestBytes, limits.maxFileBytes));
            return callback(failure);
          }
          hash.update(chunk);
          if (headBytes < SIGNATURE_BYTES) {
            head.push(chunk.subarray(0, SIGNATURE_BYTES - headBytes));
            headBytes += Math.min(chunk.length, SIGNATURE_BYTES - headBytes);
          }
          callback(null, chunk);
        },
      });
      file.on("limit", () => {
        fail(fileTooLarge(name, limits.maxFileBytes));
        meter.destroy(failure);
      });
      file.pipe(meter);
      const write = store.write(id, meter).then(() => {
        received.push({
          order: position,
          id,
          name,
          mimeType: info.mimeType,
          kind,
          bytes,
          sha256: hash.digest("hex"),
          head: Buffer.concat(head),
        });
      });
      // Settled below, with every other write, before the request's answer.
      write.catch(() => {});
      writes.push(write);
    });
    parser.on("field", (field, value) => {
      if (field === "collectionId" && value.trim()) collectionId = value.trim();
    });
    parser.on("filesLimit", () =>
      fail(new AppError("bad_request", `Upload at most ${limits.maxFiles} files per request.`)),
    );
    parser.on("error", () => fail(new AppError("bad_request", "The multipart body is malformed.")));
    parser.on("close", () => resolve());
    body.on("error", () => fail(new AppError("bad_request", "The upload was interrupted before it ended.")));
    body.pipe(parser);
  });

  try {
    await done;
    const results = await Promise.allSettled(writes);
    const writeFailure = results.find((result) => result.status === "rejected");
    if (writeFailure) throw failure ?? (writeFailure as PromiseRejectedResult).reason;
  } catch (error) {
    await Promise.allSettled(writes);
    // Received files are stored under their id; the request failed, so none of them is kept.
    const stored = received.map((file) => file.id);
    await Promise.allSettled(stored.map((id) => store.delete(id)));
    throw error;
  }
  return { received, refused, collectionId };
}
