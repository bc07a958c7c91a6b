import { describe, expect, it } from "vitest";
import { TEST_TOKEN } from "@/e2e/support/openai-compatible-server";
import { RemoteEmbedder } from "@/lib/ai/embeddings/remote";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { ingestDocument } from "@/lib/ingest/index-document";
import { chunkCollection, forgetCollections, queryChunks } from "./chroma";
import { reindexCollection } from "./reindex";

describe("reindexCollection", () => {
  it("moves every chunk to a new embedder, after which the old one is refused and the new one works", async () => {
    const { document } = await ingestDocument({
      name: "owls.txt",
      mimeType: "text/plain",
      data: new Uint8Array(Buffer.from("Owls hunt at night. Their feathers make no sound.")),
    });
    const remote = new RemoteEmbedder({
      provider: "openai-compatible",
      baseURL: `${process.env.TEST_MODEL_URL}/v1`,
      apiKey: TEST_TOKEN,
      model: "reindex-model",
    });
    await expect(chunkCollection(remote)).rejects.toThrow(/npm run reindex/);

    const result = await reindexCollection({ embedder: remote });
    expect(result).toEqual({ chunks: document.chunks, from: "offline-bm25-v1-2048" });
    forgetCollections();
    const collection = await chunkCollection(remote);
    expect(collection.metadata).toMatchObject({ embedder: "openai-compatible:reindex-model", dimension: 64 });
    const [match] = await queryChunks(collection, {
      embedding: await remote.embedQuery("Owls hunt at night."),
      topK: 1,
      documentIds: null,
    });
    expect(match.metadata.documentId).toBe(document.id);
    expect((await listDocuments(await getDb()))[0].embedder).toBe("openai-compatible:reindex-model");
    expect(await reindexCollection({ embedder: remote })).toBeNull();
  });
});
