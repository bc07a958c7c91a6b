import { beforeAll, describe, expect, it } from "vitest";
import { FAIL_MARKER, TEST_TOKEN } from "@/e2e/support/openai-compatible-server";

beforeAll(() => {
  process.env.EMBEDDING_PROVIDER = "openai-compatible";
  process.env.EMBEDDING_BASE_URL = `${process.env.TEST_MODEL_URL}/v1`;
  process.env.EMBEDDING_API_KEY = TEST_TOKEN;
  process.env.EMBEDDING_MODEL = "test-embedder";
});

describe("ingestion with a remote embedder", () => {
  it("stores vectors from the endpoint and records its dimension on the collection", async () => {
    const { ingestBytes } = await import("@/lib/test/ingest");
    const { retrieve } = await import("@/lib/rag/retrieve");
    const { findDocument } = await import("@/lib/db/documents");
    const { getDb } = await import("@/lib/db/client");
    const { document } = await ingestBytes({
      name: "remote.txt",
      mimeType: "text/plain",
      data: new Uint8Array(Buffer.from("Glaciers carve valleys over thousands of years.")),
    });
    expect((await findDocument(await getDb(), document.id))?.embedder).toBe(
      "openai-compatible:test-embedder",
    );
    const [hit] = (await retrieve({ query: "glaciers carve valleys", topK: 1 })).chunks;
    expect(hit.documentId).toBe(document.id);
    // Cosine similarity: the query's three words are three of the passage's seven.
    expect(hit.score).toBeGreaterThan(0.5);
    expect(hit.score).toBeLessThanOrEqual(1);
  });

  it("retries when the embedder fails midway, then fails the document with the reason, leaving nothing searchable", async () => {
    const { uploadFiles, settledDocument } = await import("./ingest-file");
    const { retrieve } = await import("@/lib/rag/retrieve");
    const { chunkCollection, documentChunkTexts } = await import("@/lib/rag/chroma");
    const { getEmbedder } = await import("@/lib/ai/embeddings");
    // 400 distinct paragraphs make several embedding batches; the failure comes in a late one.
    const paragraphs = Array.from(
      { length: 400 },
      (_, n) => `Paragraph ${n} describes topic number ${n} in detail with several words.`,
    );
    paragraphs[380] = `${FAIL_MARKER} in paragraph 380.`;
    const { documents } = await uploadFiles([
      new File([paragraphs.join("\n\n")], "fails.md", { type: "text/markdown" }),
    ]);
    const id = "id" in documents[0] ? documents[0].id : "";
    const failed = await settledDocument(id);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/embedding endpoint/);
    expect(await documentChunkTexts(await chunkCollection(getEmbedder()), id)).toEqual([]);
    const hits = (await retrieve({ query: "Paragraph 12 describes topic number 12", topK: 10 })).chunks;
    expect(hits.every((hit) => hit.documentName !== "fails.md")).toBe(true);
  });
});
