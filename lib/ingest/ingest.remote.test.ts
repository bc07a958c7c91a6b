import { beforeAll, describe, expect, it } from "vitest";
import { FAIL_MARKER, type RecordedRequest, TEST_TOKEN } from "@/e2e/support/openai-compatible-server";

async function recorded(): Promise<RecordedRequest[]> {
  return (await fetch(`${process.env.TEST_MODEL_URL}/requests`)).json();
}

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
    const [hit] = (
      await retrieve({ query: "glaciers carve valleys", topK: 1, rerank: null, methods: ["dense"] })
    ).chunks;
    expect(hit.documentId).toBe(document.id);
    // Cosine similarity: the query's three words are three of the passage's seven.
    expect(hit.score).toBeGreaterThan(0.5);
    expect(hit.score).toBeLessThanOrEqual(1);
  });

  it("searches both indexes and fuses them: an error code the embedder cannot tell apart is found first", async () => {
    const { ingestBytes } = await import("@/lib/test/ingest");
    const { retrieve } = await import("@/lib/rag/retrieve");
    const codes = Array.from({ length: 12 }, (_, n) => `E${1250 + n}`);
    const ids = new Map<string, string>();
    for (const code of codes) {
      const { document } = await ingestBytes({
        name: `pump-${code}.txt`,
        mimeType: "text/plain",
        data: new Uint8Array(Buffer.from(`The pump reports error code ${code} when the valve sticks open.`)),
      });
      ids.set(code, document.id);
    }
    const before = (await recorded()).length;
    const found = await retrieve({ query: "E1257", topK: 5, rerank: null });
    expect(found.methods).toEqual(["lexical", "dense"]);
    expect(found.search).toBe("approximate");
    // The query was embedded for the dense side...
    const sent = (await recorded()).slice(before).filter((request) => request.path.endsWith("/embeddings"));
    expect(sent.map((request) => request.body)).toEqual([expect.objectContaining({ input: ["E1257"] })]);
    // ...and the lexical side put the one chunk holding the code first; the rest came from the dense side.
    expect(found.chunks[0].documentId).toBe(ids.get("E1257"));
    expect(found.chunks).toHaveLength(5);

    const exact = await retrieve({ query: "E1257", topK: 5, rerank: null, exact: true });
    expect(exact.search).toBe("exact");
    expect(exact.chunks[0].documentId).toBe(ids.get("E1257"));
    // A search scoped to a few small documents scores every vector without being asked.
    const scoped = await retrieve({
      query: "valve sticks",
      topK: 3,
      rerank: null,
      documentIds: [ids.get("E1250") as string, ids.get("E1251") as string],
    });
    expect(scoped.search).toBe("exact");
    expect(new Set(scoped.chunks.map((chunk) => chunk.documentId))).toEqual(
      new Set([ids.get("E1250"), ids.get("E1251")]),
    );
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
