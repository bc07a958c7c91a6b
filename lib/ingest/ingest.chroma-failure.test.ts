import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChroma } from "@/scripts/chroma.mjs";

// This file runs its own Chroma server so that it can stop it in the middle of an ingestion.
const chromaDir = mkdtempSync(path.join(tmpdir(), "vitest-chroma-failure-"));
let chroma: Awaited<ReturnType<typeof startChroma>>;

beforeAll(async () => {
  chroma = await startChroma({ dataPath: chromaDir });
  process.env.CHROMA_URL = chroma.url;
});
afterAll(() => chroma.stop());

describe("Chroma stopping midway", () => {
  it("puts the job back in the queue; once Chroma is back the document ends ready with all its chunks", async () => {
    const { uploadFiles, settledDocument } = await import("./ingest-file");
    const { startIngestRunner } = await import("./runner");
    const { getDb } = await import("@/lib/db/client");
    const { findDocument } = await import("@/lib/db/documents");
    const { retrieve } = await import("@/lib/rag/retrieve");
    const { chunkCollection, documentChunkTexts } = await import("@/lib/rag/chroma");
    const { getEmbedder } = await import("@/lib/ai/embeddings");

    const runner = startIngestRunner();
    const paragraphs = Array.from(
      // Several batches of chunks: writes are still to come when Chroma dies after the first.
      { length: 16_000 },
      (_, n) => `Chapter ${n}: the ferry timetable for pier ${n}.`,
    );
    const { documents } = await uploadFiles([
      new File([paragraphs.join("\n\n")], "ferries.md", { type: "text/markdown" }),
    ]);
    const id = "id" in documents[0] ? documents[0].id : "";
    const jobSettled = new Promise<void>((resolve) => {
      const onSettled = (documentId: string) => {
        if (documentId !== id) return;
        runner.events.off("settled", onSettled);
        resolve();
      };
      runner.events.on("settled", onSettled);
    });
    // The server dies (as in a crash) as soon as the first batch of chunks is stored.
    const stopped = await new Promise<Promise<unknown>>((resolve) => {
      const onProgress = (documentId: string, progress: { chunksDone: number }) => {
        if (documentId !== id || progress.chunksDone === 0) return;
        runner.events.off("progress", onProgress);
        const exited = once(chroma.process, "exit");
        chroma.process.kill("SIGKILL");
        resolve(exited);
      };
      runner.events.on("progress", onProgress);
    });
    await stopped;
    // The job goes back to the queue for a later attempt, and nothing of it is searchable meanwhile.
    await jobSettled;
    expect((await findDocument(await getDb(), id))?.status).toBe("queued");

    chroma = await startChroma({ dataPath: chromaDir, port: chroma.port });
    const document = await settledDocument(id);
    expect(document?.status).toBe("ready");
    const texts = await documentChunkTexts(await chunkCollection(getEmbedder()), id);
    expect(texts).toHaveLength(document?.chunks ?? -1);
    const [hit] = (await retrieve({ query: "ferry timetable for pier 1234", topK: 1 })).chunks;
    expect(hit.documentId).toBe(id);
  }, 120_000);
});
