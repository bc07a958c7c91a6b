import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OfflineEmbedder } from "@/lib/ai/embeddings/offline";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { chunkCollection, documentChunkTexts } from "@/lib/rag/chroma";
import type { Chunk } from "./chunk";
import { ChunkWriter } from "./chunk-writer";

/** The offline embedder, recording the texts it embeds, and failing on request. */
function recordingEmbedder({ failOnBatch }: { failOnBatch?: number } = {}) {
  const offline = new OfflineEmbedder({
    dimension: 8,
    statistics: { read: async () => ({ chunkCount: 0, frequencies: new Map() }) },
  });
  const embedded: string[] = [];
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
      embedded.push(...texts);
      return offline.embedDocuments(texts);
    },
  };
  return { embedder, embedded };
}

function chunks(documentId: string, count: number, from = 0): Chunk[] {
  return Array.from({ length: count }, (_, n) => ({
    index: from + n,
    text: `${documentId} passage ${from + n} about lighthouse keeper number ${from + n}`,
    tokens: 12,
    page: 1,
    pageEnd: 1,
    section: "Keepers > Shifts",
  }));
}

/** Feeds chunks as the extraction worker does: small batches, one after another. */
async function feed(writer: ChunkWriter, documentId: string, total: number, batch = 7) {
  for (let first = 0; first < total; first += batch)
    await writer.add(chunks(documentId, Math.min(batch, total - first), first));
}

describe("ChunkWriter (real Chroma)", () => {
  it("stores every chunk once, embeds it under its title and section, and returns the segment of exactly those", async () => {
    const { embedder, embedded } = recordingEmbedder();
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
    const segment = await writer.flush();

    const stored = await documentChunkTexts(collection, documentId);
    expect(stored).toHaveLength(600);
    expect(writer.written).toBe(600);
    // Chroma keeps the text for display; the vector is of the text under its document and section.
    expect(stored).toContain(`${documentId} passage 7 about lighthouse keeper number 7`);
    expect(embedded).toContain(
      `keepers > Keepers > Shifts\n\n${documentId} passage 7 about lighthouse keeper number 7`,
    );
    expect([...segment.chunks].sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, n) => n));
    // Each chunk's own number is a term of that chunk alone; the section's words are in all of them.
    const postingsOf = (term: string) => {
      const at = segment.terms.indexOf(term);
      return at < 0 ? 0 : segment.offsets[at + 1] - segment.offsets[at];
    };
    expect(postingsOf("599")).toBe(1);
    expect(postingsOf("shift")).toBe(600);
  });

  it("rethrows a failed batch's error, and a cancel stops it, leaving only landed chunks to remove", async () => {
    const { embedder } = recordingEmbedder({ failOnBatch: 3 });
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
    expect((await documentChunkTexts(collection, documentId)).length).toBeLessThan(600);

    const controller = new AbortController();
    const cancelled = new ChunkWriter({
      documentId: randomUUID(),
      documentName: "keepers.md",
      embedder: recordingEmbedder().embedder,
      collection,
      signal: controller.signal,
      onWritten: () => controller.abort(new Error("the document was deleted")),
    });
    await expect(feed(cancelled, documentId, 600).then(() => cancelled.flush())).rejects.toThrow(
      "the document was deleted",
    );
    await cancelled.settle();
    expect(cancelled.written).toBeLessThan(600);
  });
});
