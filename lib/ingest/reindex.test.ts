import { describe, expect, it } from "vitest";
import { TEST_TOKEN } from "@/e2e/support/openai-compatible-server";
import { RemoteEmbedder } from "@/lib/ai/embeddings/remote";
import { getDb } from "@/lib/db/client";
import { findDocument } from "@/lib/db/documents";
import { chunkCollection, forgetCollections, queryChunks } from "@/lib/rag/chroma";
import { ingestBytes } from "@/lib/test/ingest";
import { reindexDocuments } from "./reindex";

describe("reindexDocuments", () => {
  it("re-chunks from the originals when forced, so new chunk settings apply without uploading again", async () => {
    const { getEmbedder } = await import("@/lib/ai/embeddings");
    const { document } = await ingestBytes({
      name: "herons.txt",
      mimeType: "text/plain",
      data: new Uint8Array(
        Buffer.from(
          Array.from({ length: 200 }, (_, n) => `Herons stand still in the shallows, ${n}.`).join("\n\n"),
        ),
      ),
    });
    const { env } = await import("@/lib/config/env");
    const config = env();
    const original = config.CHUNK_TOKENS;
    // The same env object the pipeline reads: a smaller chunk size, as after editing .env.
    config.CHUNK_TOKENS = 128;
    try {
      const result = await reindexDocuments({ embedder: getEmbedder(), force: true });
      const rechunked = await findDocument(await getDb(), document.id);
      expect(result?.documents).toBeGreaterThanOrEqual(1);
      expect(rechunked?.chunks).toBeGreaterThan(document.chunks * 2);
    } finally {
      config.CHUNK_TOKENS = original;
    }
  });
  it("rebuilds every document from its original with a new embedder, after which the old one is refused", async () => {
    const paragraphs = Array.from(
      { length: 60 },
      (_, n) => `Owls hunt at night, part ${n}. Their feathers make no sound.`,
    );
    const { document } = await ingestBytes({
      name: "owls.txt",
      mimeType: "text/plain",
      data: new Uint8Array(Buffer.from(paragraphs.join("\n\n"))),
    });
    const remote = new RemoteEmbedder({
      provider: "openai-compatible",
      baseURL: `${process.env.TEST_MODEL_URL}/v1`,
      apiKey: TEST_TOKEN,
      model: "reindex-model",
    });
    await expect(chunkCollection(remote)).rejects.toThrow(/npm run reindex/);

    const result = await reindexDocuments({ embedder: remote });
    // This document and the one of the test before.
    expect(result).toMatchObject({ documents: 2, from: "offline-bm25-v1-2048" });
    expect(result?.chunks).toBeGreaterThan(document.chunks);
    forgetCollections();
    const collection = await chunkCollection(remote);
    expect(collection.metadata).toMatchObject({ embedder: "openai-compatible:reindex-model", dimension: 64 });
    const [match] = await queryChunks(collection, {
      embedding: await remote.embedQuery("Owls hunt at night, part 7."),
      topK: 1,
      documentIds: null,
    });
    expect(match.metadata.documentId).toBe(document.id);
    expect((await findDocument(await getDb(), document.id))?.embedder).toBe(
      "openai-compatible:reindex-model",
    );
    expect(await reindexDocuments({ embedder: remote })).toBeNull();
  });
});
