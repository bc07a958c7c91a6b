// The ingestion worker thread: extracts and chunks one stored original, off the main thread, so
// that no file can stall the server. Bundled by scripts/build-worker.mjs and run by piscina.
import { AppError } from "@/lib/errors";
import { Chunker } from "../chunk";
import { extract } from "../extract";
import type { ChunkBatch, ExtractResult, ExtractTask } from "./protocol";

export default async function extractAndChunk(task: ExtractTask): Promise<ExtractResult> {
  const { file, kind, chunkTokens, overlapTokens, maxUnzippedBytes, port } = task;
  try {
    const extracted = await extract({ kind, file, limits: { maxUnzippedBytes } });
    const chunker = new Chunker({ chunkTokens, overlapTokens });
    let pagesDone = 0;
    const send = (batch: ChunkBatch) => port.postMessage(batch);
    for await (const pages of extracted.pages) {
      const chunks = pages.flatMap(({ page, text }) => chunker.push(text, page));
      pagesDone += pages.length;
      send({ pagesDone, pageCount: extracted.pageCount, chunks });
    }
    send({ pagesDone, pageCount: extracted.pageCount, chunks: chunker.flush() });
    return { ok: true, pageCount: extracted.pageCount, pagesDone, chunkCount: chunker.chunkCount };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  } finally {
    port.close();
  }
}
