// The ingestion worker thread: extracts and chunks one stored original, off the main thread, so
// that no file can stall the server. Bundled by scripts/build-worker.mjs and run by piscina.
import { AppError } from "@/lib/errors";
import { Chunker } from "../chunk";
import { extract } from "../extract";
import type { ExtractResult, ExtractTask, ReadTextResult, ReadTextTask, WorkerMessage } from "./protocol";

async function extractAndChunk(task: ExtractTask): Promise<ExtractResult> {
  const { file, kind, chunkTokens, overlapTokens, maxUnzippedBytes, ocr, port } = task;
  const send = (message: WorkerMessage) => port.postMessage(message);
  try {
    const extracted = await extract({ kind, file, limits: { maxUnzippedBytes }, ocr });
    const chunker = new Chunker({ chunkTokens, overlapTokens });
    let pagesDone = 0;
    for await (const pages of extracted.pages) {
      const chunks = pages.flatMap(({ page, text }) => chunker.push(text, page));
      pagesDone += pages.length;
      const ocrPages = pages.flatMap(({ page, ocr }) =>
        ocr && page !== null ? [{ page, words: ocr.words }] : [],
      );
      const emptyPages = pages.flatMap(({ page, text }) => (page !== null && !text.trim() ? [page] : []));
      send({ type: "batch", pagesDone, pageCount: extracted.pageCount, chunks, ocrPages, emptyPages });
    }
    const last = { ocrPages: [], emptyPages: [] };
    send({ type: "batch", pagesDone, pageCount: extracted.pageCount, chunks: chunker.flush(), ...last });
    return { ok: true, pageCount: extracted.pageCount, pagesDone, chunkCount: chunker.chunkCount };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

/** Runs one task; its batches and its result travel on the task's port, in order. */
export default async function run(task: ExtractTask): Promise<void> {
  try {
    send(task, { type: "end", result: await extractAndChunk(task) });
  } finally {
    task.port.close();
  }
}

function send({ port }: ExtractTask, message: WorkerMessage) {
  port.postMessage(message);
}

/** The text of a document without pages to render (not a PDF), page by page, for the viewer. */
export async function readText({ file, kind, maxUnzippedBytes }: ReadTextTask): Promise<ReadTextResult> {
  try {
    const extracted = await extract({ kind, file, limits: { maxUnzippedBytes } });
    const pages: { page: number | null; text: string }[] = [];
    for await (const batch of extracted.pages) {
      for (const { page, text } of batch) pages.push({ page, text });
    }
    return { ok: true, pages };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}
