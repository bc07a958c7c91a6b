import { beforeAll, describe, expect, it } from "vitest";
import { FAIL_MARKER, TEST_TOKEN } from "@/e2e/support/openai-compatible-server";

beforeAll(() => {
  process.env.EMBEDDING_PROVIDER = "openai-compatible";
  process.env.EMBEDDING_BASE_URL = `${process.env.TEST_MODEL_URL}/v1`;
  process.env.EMBEDDING_API_KEY = TEST_TOKEN;
  process.env.EMBEDDING_MODEL = "test-embedder";
});

describe("ingestDocument with a remote embedder", () => {
  it("stores vectors from the endpoint and records its dimension on the collection", async () => {
    const { ingestDocument } = await import("./index-document");
    const { retrieve } = await import("@/lib/rag/retrieve");
    const { document } = await ingestDocument({
      name: "remote.txt",
      mimeType: "text/plain",
      data: new Uint8Array(Buffer.from("Glaciers carve valleys over thousands of years.")),
    });
    expect(document.embedder).toBe("openai-compatible:test-embedder");
    const [hit] = await retrieve({ query: "glaciers carve valleys", topK: 1 });
    expect(hit.documentId).toBe(document.id);
    // Cosine similarity: the query's three words are three of the passage's seven.
    expect(hit.score).toBeGreaterThan(0.5);
    expect(hit.score).toBeLessThanOrEqual(1);
  });

  it("leaves nothing half-indexed when the embedder fails midway", async () => {
    const { ingestDocument } = await import("./index-document");
    const { getDb } = await import("@/lib/db/client");
    const { listDocuments } = await import("@/lib/db/documents");
    const { retrieve } = await import("@/lib/rag/retrieve");
    // 400 distinct paragraphs make several embedding batches; the failure comes in a late one.
    const paragraphs = Array.from(
      { length: 400 },
      (_, n) => `Paragraph ${n} describes topic number ${n} in detail with several words.`,
    );
    paragraphs[380] = `${FAIL_MARKER} in paragraph 380.`;
    const before = await listDocuments(await getDb());
    const error = await ingestDocument({
      name: "fails.md",
      mimeType: "text/markdown",
      data: new Uint8Array(Buffer.from(paragraphs.join("\n\n"))),
    }).catch((caught) => caught);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/embedding endpoint/);
    expect(await listDocuments(await getDb())).toEqual(before);
    const hits = await retrieve({ query: "Paragraph 12 describes topic number 12", topK: 10 });
    expect(hits.every((hit) => hit.documentName !== "fails.md")).toBe(true);
  });
});
