import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OfflineEmbedder } from "@/lib/ai/embeddings/offline";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { chunkCollection, documentChunkTexts } from "@/lib/rag/chroma";
import type { Chunk } from "./chunk";
import { ChunkWriter } from "./chunk-writer";

/** The offline embedder, recording the texts it is told were stored, and failing on request. */
function recordingEmbedder({ failOnBatch }: { failOnBatch?: number } = {}) {
  const offline = new OfflineEmbedder({
    dimension: 8,
    statistics: {
      read: async () => ({ chunkCount: 0, frequencies: new Map() }),
      add: async () => {},
      clear: async () => {},
    },
  });
  const told: string[] = [];
  let batches = 0;
  const embedder: Embedder = {
    id: offline.id,
    dimension: offline.dimension,
    space: offline.space,
    label: offline.label,
    offline: true,
    embedQuery: (text) => offline.embedQuery(text),
    embedDocuments: async (texts) => {
      batches++;
      if (batches === failOnBatch) throw new Error("the embedder failed");
      return offline.embedDocuments(texts);
    },
    chunksAdded: async (texts) => {
      told.push(...texts);
    },
  };
  return { embedder, told };
}

function chunks(documentId: string, count: number, from = 0): Chunk[] {
  return Array.from({ length: count }, (_, n) => ({
    index: from + n,
    text: `${documentId} passage ${from + n} about lighthouse keeper number ${from + n}`,
    tokens: 12,
    page: 1,
    pageEnd: 1,
  }));
}

const sorted = (texts: string[]) => [...texts].sort();

/** Feeds chunks as the extraction worker does: small batches, one after another. */
async function feed(writer: ChunkWriter, documentId: string, total: number, batch = 7) {
  for (let first = 0; first < total; first += batch)
    await writer.add(chunks(documentId, Math.min(batch, total - first), first));
}

describe("ChunkWriter (real Chroma)", () => {
  it("stores every chunk once and tells the embedder of exactly the chunks stored", async () => {
    const { embedder, told } = recordingEmbedder();
    const collection = await chunkCollection(embedder, "writer-all");
    const documentId = randomUUID();
    const writer = new ChunkWriter({
      documentId,
      documentName: "keepers.md",
      embedder,
      collection,
      signal: new AbortController().signal,
    });
    await feed(writer, documentId, 600);
    await writer.flush();

    const stored = await documentChunkTexts(collection, documentId);
    expect(stored).toHaveLength(600);
    expect(writer.written).toBe(600);
    expect(sorted(told)).toEqual(sorted(stored));
  });

  it("after a cancel, tells the embedder of exactly the chunks that landed, so removal counts out no more", async () => {
    const { embedder, told } = recordingEmbedder();
    const collection = await chunkCollection(embedder, "writer-cancel");
    const documentId = randomUUID();
    const controller = new AbortController();
    const writer = new ChunkWriter({
      documentId,
      documentName: "keepers.md",
      embedder,
      collection,
      signal: controller.signal,
      onWritten: () => controller.abort(new Error("the document was deleted")),
    });
    const fed = feed(writer, documentId, 600).then(() => writer.flush());
    await expect(fed).rejects.toThrow("the document was deleted");
    await writer.settle();

    const stored = await documentChunkTexts(collection, documentId);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(600);
    expect(sorted(told)).toEqual(sorted(stored));
  });

  it("rethrows a failed batch's error and still accounts for every chunk that landed", async () => {
    const { embedder, told } = recordingEmbedder({ failOnBatch: 3 });
    const collection = await chunkCollection(embedder, "writer-failure");
    const documentId = randomUUID();
    const writer = new ChunkWriter({
      documentId,
      documentName: "keepers.md",
      embedder,
      collection,
      signal: new AbortController().signal,
    });
    const fed = feed(writer, documentId, 600).then(() => writer.flush());
    await expect(fed).rejects.toThrow("the embedder failed");
    await writer.settle();

    const stored = await documentChunkTexts(collection, documentId);
    expect(stored.length).toBeLessThan(600);
    expect(sorted(told)).toEqual(sorted(stored));
  });
});
