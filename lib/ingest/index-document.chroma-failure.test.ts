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

describe("a Chroma failure midway", () => {
  it("leaves the document unsearchable and absent from the list once start-up has cleaned up", async () => {
    const { ingestDocument } = await import("./index-document");
    const { getDb } = await import("@/lib/db/client");
    const { findUnfinished, listDocuments } = await import("@/lib/db/documents");
    const { chunkCollection, documentChunkTexts, forgetCollections } = await import("@/lib/rag/chroma");
    const { getEmbedder } = await import("@/lib/ai/embeddings");
    const { startUp } = await import("@/lib/start-up");
    const { retrieve } = await import("@/lib/rag/retrieve");

    await ingestDocument({
      name: "kept.txt",
      mimeType: "text/plain",
      data: new Uint8Array(Buffer.from("Marmots whistle.")),
    });
    const paragraphs = Array.from(
      { length: 20_000 },
      (_, n) => `Chapter ${n}: the ferry timetable for pier ${n}.`,
    );
    let stopped: Promise<void> | undefined;
    const error = await ingestDocument({
      name: "ferries.md",
      mimeType: "text/markdown",
      data: new Uint8Array(Buffer.from(paragraphs.join("\n\n"))),
      onProgress: (progress) => {
        // Stop the server as soon as the first batch of chunks is stored.
        if (progress.chunksDone > 0 && !stopped) stopped = chroma.stop();
      },
    }).catch((caught) => caught);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/Chroma/);

    // Chroma was unreachable for the clean-up too: the row stays "indexing", which is never listed as ready
    // and never searched.
    const db = await getDb();
    const [stale] = await findUnfinished(db);
    expect(stale.name).toBe("ferries.md");

    await stopped;
    chroma = await startChroma({ dataPath: chromaDir, port: chroma.port });
    forgetCollections();
    expect(
      (await retrieve({ query: "ferry timetable pier", topK: 5 })).map((hit) => hit.documentName),
    ).toEqual([]);

    const collection = await chunkCollection(getEmbedder());
    expect((await documentChunkTexts(collection, stale.id)).length).toBeGreaterThan(0);
    await startUp();
    expect(await documentChunkTexts(collection, stale.id)).toEqual([]);
    expect((await listDocuments(db)).map((document) => document.name)).toEqual(["kept.txt"]);
    const [marmots] = await retrieve({ query: "marmots", topK: 1 });
    expect(marmots.documentName).toBe("kept.txt");
  });
});
