import { describe, expect, it } from "vitest";
import { OfflineEmbedder } from "@/lib/ai/embeddings/offline";
import type { CorpusStatistics, Embedder } from "@/lib/ai/embeddings/types";
import { AppError } from "@/lib/errors";
import {
  addChunks,
  type ChunkRecord,
  chunkCollection,
  deleteDocumentChunks,
  documentChunkTexts,
  queryChunks,
  recordDimension,
} from "./chroma";

const noStatistics: CorpusStatistics = {
  read: async () => ({ chunkCount: 0, frequencies: new Map() }),
};

function records(documentId: string, texts: string[], dimension = 8): ChunkRecord[] {
  return texts.map((text, n) => ({
    id: `${documentId}:${n}`,
    text,
    embedding: Array.from({ length: dimension }, (_, k) => (k === n % dimension ? 1 : 0)),
    metadata: {
      documentId,
      documentName: `${documentId}.pdf`,
      chunkIndex: n,
      page: n + 1,
      pageEnd: n + 1,
      tokens: 10,
    },
  }));
}

const unitVector = (k: number, dimension = 8) =>
  Array.from({ length: dimension }, (_, n) => (n === k ? 1 : 0));

describe("Chroma chunk store (real server)", () => {
  it("records the embedder id, dimension and space on the collection", async () => {
    const embedder = new OfflineEmbedder({ dimension: 8, statistics: noStatistics });
    const collection = await chunkCollection(embedder, "store-meta");
    expect(collection.metadata).toMatchObject({ embedder: "offline-bm25-v1-8", dimension: 8, space: "ip" });
  });

  it("stores chunks with their metadata, queries them best first, and filters by document inside the query", async () => {
    const embedder = new OfflineEmbedder({ dimension: 8, statistics: noStatistics });
    const collection = await chunkCollection(embedder, "store-query");
    await addChunks(collection, records("doc-a", ["alpha one", "alpha two", "alpha three"]));
    await addChunks(collection, records("doc-b", ["beta one", "beta two"]));

    const best = await queryChunks(collection, { embedding: unitVector(1), topK: 2, documentIds: null });
    expect(best[0].metadata.chunkIndex).toBe(1);
    expect(best[0].metadata.page).toBe(2);
    expect(best.map((match) => match.metadata.documentId).sort()).toEqual(["doc-a", "doc-b"]);

    const onlyB = await queryChunks(collection, {
      embedding: unitVector(0),
      topK: 5,
      documentIds: ["doc-b"],
    });
    expect(onlyB.map((match) => match.text).sort()).toEqual(["beta one", "beta two"]);
    const both = await queryChunks(collection, {
      embedding: unitVector(0),
      topK: 10,
      documentIds: ["doc-a", "doc-b"],
    });
    expect(both).toHaveLength(5);
  });

  it("deletes one document's chunks and nothing else", async () => {
    const embedder = new OfflineEmbedder({ dimension: 8, statistics: noStatistics });
    const collection = await chunkCollection(embedder, "store-delete");
    await addChunks(collection, records("keep", ["kept text"]));
    await addChunks(collection, records("drop", ["dropped one", "dropped two"]));
    expect(await documentChunkTexts(collection, "drop")).toHaveLength(2);
    await deleteDocumentChunks(collection, "drop");
    expect(await documentChunkTexts(collection, "drop")).toEqual([]);
    expect(await documentChunkTexts(collection, "keep")).toEqual(["kept text"]);
  });

  it("refuses to mix vectors from another embedder, naming the re-index command", async () => {
    const first = new OfflineEmbedder({ dimension: 8, statistics: noStatistics });
    const collection = await chunkCollection(first, "store-mismatch");
    await addChunks(collection, records("doc", ["some text"]));
    const other: Embedder = {
      ...first,
      id: "databricks:databricks-gte-large-en",
      dimension: null,
      space: "cosine",
      label: "",
      offline: false,
      embedDocuments: first.embedDocuments,
      embedQuery: first.embedQuery,
    };
    const error = await chunkCollection(other, "store-mismatch").catch((caught) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toContain("npm run reindex");
    expect(error.message).toContain("offline-bm25-v1-8");
  });

  it("takes over an empty collection made for another embedder", async () => {
    await chunkCollection(new OfflineEmbedder({ dimension: 8, statistics: noStatistics }), "store-empty");
    const next = await chunkCollection(
      new OfflineEmbedder({ dimension: 16, statistics: noStatistics }),
      "store-empty",
    );
    expect(next.metadata).toMatchObject({ embedder: "offline-bm25-v1-16", dimension: 16 });
  });

  it("records a remote embedder's dimension once and refuses a different one later", async () => {
    const remote: Embedder = {
      id: "openai-compatible:test",
      dimension: null,
      space: "cosine",
      label: "",
      offline: false,
      embedDocuments: async () => [],
      embedQuery: async () => [],
    };
    const collection = await chunkCollection(remote, "store-dimension");
    expect(collection.metadata?.dimension).toBe(0);
    await recordDimension(collection, 64);
    expect(collection.metadata?.dimension).toBe(64);
    await expect(recordDimension(collection, 1024)).rejects.toThrow(/npm run reindex/);
  });
});
