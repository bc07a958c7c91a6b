// Each app collection's chunks in a Chroma collection of its own, searched together: a scope over
// several app collections queries each (unfiltered where all of it is in scope) and merges by
// distance; a scope naming some documents of a collection filters inside that collection's query.
// Real Chroma server and ingestion, vectors from the local OpenAI-compatible stand-in.
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_TOKEN } from "@/e2e/support/openai-compatible-server";
import type { ChunkMetadata } from "./chroma";

beforeAll(() => {
  process.env.EMBEDDING_PROVIDER = "openai-compatible";
  process.env.EMBEDDING_BASE_URL = `${process.env.TEST_MODEL_URL}/v1`;
  process.env.EMBEDDING_API_KEY = TEST_TOKEN;
  process.env.EMBEDDING_MODEL = "test-embedder";
});

async function ingestInto(collectionId: string, name: string, text: string): Promise<string> {
  const { uploadFiles, settledDocument } = await import("@/lib/ingest/ingest-file");
  const { documents } = await uploadFiles([new File([text], name, { type: "text/plain" })], collectionId);
  const id = (documents[0] as { id: string }).id;
  expect((await settledDocument(id))?.status).toBe("ready");
  return id;
}

describe("one Chroma collection per app collection", () => {
  it("stores each collection's chunks apart, and searches the scope's collections together", async () => {
    const chroma = await import("./chroma");
    const { getEmbedder } = await import("@/lib/ai/embeddings");
    const { retrieve } = await import("./retrieve");
    const { LOCAL_COLLECTION } = await import("@/lib/db/schema");
    const alpine = await ingestInto(
      "team-alpine",
      "alpine.txt",
      "Glaciers carve valleys over thousands of years.",
    );
    const moraine = await ingestInto(
      "team-alpine",
      "moraine.txt",
      "Glaciers leave moraines of rock where they melt.",
    );
    const coral = await ingestInto(
      "team-reef",
      "coral.txt",
      "Coral reefs grow in warm shallow seas near glaciers never.",
    );
    const local = await ingestInto(
      LOCAL_COLLECTION,
      "local.txt",
      "Glaciers in the shared space melt in spring.",
    );

    // Where the vectors are: each app collection in its own Chroma collection; the local one in the configured one.
    const embedder = getEmbedder();
    const held = async (collectionId: string) => {
      const collection = await chroma.chunkCollection(
        embedder,
        chroma.chromaName(chroma.chromaSuffixFor(collectionId)),
      );
      const { metadatas } = await collection.get<ChunkMetadata>({ include: ["metadatas"] });
      return [...new Set(metadatas.map((metadata) => metadata?.documentId))].sort();
    };
    expect(await held("team-alpine")).toEqual([alpine, moraine].sort());
    expect(await held("team-reef")).toEqual([coral]);
    expect(await held(LOCAL_COLLECTION)).toEqual([local]);
    expect(chroma.chromaName(chroma.chromaSuffixFor(LOCAL_COLLECTION))).toBe(process.env.CHROMA_COLLECTION);

    const dense = async (documentIds?: string[]) =>
      (
        await retrieve({
          query: "glaciers carve valleys",
          topK: 10,
          rerank: null,
          methods: ["dense"],
          documentIds,
        })
      ).chunks;
    // Across two app collections: results from both, nearest first.
    const across = await dense([alpine, coral]);
    expect(new Set(across.map((chunk) => chunk.documentId))).toEqual(new Set([alpine, coral]));
    expect(across[0].documentId).toBe(alpine);
    expect(across.map((chunk) => chunk.score)).toEqual(
      [...across.map((chunk) => chunk.score)].sort((a, b) => b - a),
    );
    // Part of a collection: the filter inside its query keeps the rest out.
    expect((await dense([moraine])).map((chunk) => chunk.documentId)).toEqual([moraine]);
    // Everything: every collection is searched.
    expect(new Set((await dense()).map((chunk) => chunk.documentId))).toEqual(
      new Set([alpine, moraine, coral, local]),
    );
    // Approximate and exact search agree on a scope this small.
    const exact = await retrieve({
      query: "glaciers carve valleys",
      topK: 10,
      rerank: null,
      methods: ["dense"],
      documentIds: [alpine, coral],
      exact: true,
    });
    expect(exact.chunks.map((chunk) => chunk.id)).toEqual(across.map((chunk) => chunk.id));
  });

  it("deleting a document removes its chunks from its own collection", async () => {
    const chroma = await import("./chroma");
    const { getEmbedder } = await import("@/lib/ai/embeddings");
    const { deleteDocument } = await import("@/lib/ingest/delete-document");
    const id = await ingestInto(
      "team-delete",
      "short-lived.txt",
      "Icebergs calve from glaciers into the sea.",
    );
    const collection = await chroma.chunkCollection(
      getEmbedder(),
      chroma.chromaName(chroma.chromaSuffixFor("team-delete")),
    );
    expect((await collection.get({ where: { documentId: id } })).ids.length).toBeGreaterThan(0);
    await deleteDocument(id);
    expect((await collection.get({ where: { documentId: id } })).ids).toEqual([]);
  });
});
