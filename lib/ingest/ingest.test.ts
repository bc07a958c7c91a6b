import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeScannedPdf, makeTextPdf } from "@/e2e/support/make-pdf";
import { getEmbedder } from "@/lib/ai/embeddings";
import { env } from "@/lib/config/env";
import { getConnection, getDb } from "@/lib/db/client";
import { findDocument, listDocuments } from "@/lib/db/documents";
import { claimJob, releaseAllLeases } from "@/lib/db/ingest-jobs";
import { lexicalIndex } from "@/lib/lexical/synced-index";
import { addChunks, chunkCollection, documentChunkTexts } from "@/lib/rag/chroma";
import { retrieve } from "@/lib/rag/retrieve";
import { ingestBytes } from "@/lib/test/ingest";
import { chunkDocument } from "./chunk";
import { deleteDocument } from "./delete-document";
import { settledDocument, uploadFiles } from "./ingest-file";
import { type IngestRunner, startIngestRunner, stopIngestRunner } from "./runner";

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const file = (text: string, name: string, type = "text/plain") => new File([text], name, { type });
const originals = () => readdirSync(path.join(env().dataDir, "originals")).sort();

async function chunkIds(documentId: string) {
  const collection = await chunkCollection(getEmbedder());
  const page = await collection.get({ where: { documentId }, include: ["documents"] });
  return page.ids.sort();
}

/** Resolves once `runner` is done with the document's job (ready, failed, or stopped by a cancel). */
function jobSettled(runner: IngestRunner, id: string) {
  return new Promise<void>((resolve) => {
    const onSettled = (documentId: string) => {
      if (documentId !== id) return;
      runner.events.off("settled", onSettled);
      resolve();
    };
    runner.events.on("settled", onSettled);
  });
}

// The embedded database's first open runs initdb, which takes a while on a loaded machine.
beforeAll(() => getDb(), 120_000);

/** Searchable chunks holding a term, by the lexical index as a search sees it. */
async function chunksHolding(term: string): Promise<number> {
  const { index } = await lexicalIndex().fresh(await getConnection());
  return index.statistics([term]).frequencies.get(term) ?? 0;
}

describe("ingestion through the queue (real Chroma and PGlite)", () => {
  it("answers an upload at once with the document queued, then indexes it to ready, searchable with its page", async () => {
    const pages = Array.from({ length: 12 }, (_, n) =>
      n === 6
        ? "The lighthouse keeper polishes the Fresnel lens every Tuesday."
        : `Filler page ${n} about gardening and soil.`,
    );
    const upload = await uploadFiles([
      new File([new Uint8Array(await makeTextPdf(pages))], "lighthouse.pdf", { type: "application/pdf" }),
    ]);
    expect(upload.status).toBe(202);
    const [queued] = upload.documents;
    expect(queued).toMatchObject({ name: "lighthouse.pdf", kind: "pdf", status: "queued", duplicate: false });
    const id = "id" in queued ? queued.id : "";
    // Nothing is searchable before the document is ready.
    expect((await retrieve({ query: "Fresnel lens", topK: 3 })).chunks).toEqual([]);

    const document = await settledDocument(id);
    expect(document).toMatchObject({ status: "ready", pages: 12, pagesDone: 12, error: null });
    expect(document?.chunks).toBeGreaterThan(0);
    expect(document?.chunksDone).toBe(document?.chunks);
    const [best] = (await retrieve({ query: "who cleans the lenses of the lighthouse?", topK: 3 })).chunks;
    expect(best.documentId).toBe(id);
    expect(best.text).toContain("Fresnel lens");
    expect(best.page).toBeLessThanOrEqual(7);
    expect(best.pageEnd).toBeGreaterThanOrEqual(7);
    expect(originals()).toContain(id);
  });

  it("treats identical content as the same document (200), without duplicate chunks or a second original", async () => {
    const data = bytes("# Recipes\n\nKnead the sourdough for ten minutes.");
    const first = await ingestBytes({ name: "recipes.md", mimeType: "text/markdown", data });
    const before = originals();
    const again = await uploadFiles([
      file("# Recipes\n\nKnead the sourdough for ten minutes.", "copy.md", "text/markdown"),
    ]);
    expect(again.status).toBe(200);
    expect(again.documents[0]).toMatchObject({ id: first.document.id, duplicate: true, status: "ready" });
    expect(originals()).toEqual(before);
    const hits = (await retrieve({ query: "sourdough", topK: 10 })).chunks;
    expect(hits).toHaveLength(first.document.chunks);
  });

  it("fails a scanned PDF with a reason on the document, keeping it unsearchable; the same file again is retried", async () => {
    const scan = new File([new Uint8Array(await makeScannedPdf(2))], "scan.pdf", { type: "application/pdf" });
    const { documents } = await uploadFiles([scan]);
    const id = "id" in documents[0] ? documents[0].id : "";
    const failed = await settledDocument(id);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/has no readable text: OCR found none on its 2 pages/);
    expect(await chunkIds(id)).toEqual([]);
    const again = await uploadFiles([scan]);
    expect(again.status).toBe(202);
    expect(again.documents[0]).toMatchObject({ id, status: "queued" });
    expect((await settledDocument(id))?.status).toBe("failed");
  });

  it("refuses an empty file and an unsupported type at upload, keeping the other files of the request", async () => {
    const before = (await listDocuments(await getDb(), null)).length;
    const { status, documents } = await uploadFiles([
      file("", "empty.txt"),
      new File([new Uint8Array([137, 80, 78, 71])], "photo.png", { type: "image/png" }),
      file("Puffins nest in burrows on cliff tops.", "puffins.txt"),
    ]);
    expect(status).toBe(422);
    expect(documents.map((document) => [document.name, document.status])).toEqual([
      ["empty.txt", "failed"],
      ["photo.png", "failed"],
      ["puffins.txt", "queued"],
    ]);
    expect(documents[0]).toMatchObject({ error: expect.stringMatching(/is empty/) });
    expect(documents[1]).toMatchObject({ error: expect.stringMatching(/not a supported type/) });
    expect((await listDocuments(await getDb(), null)).length).toBe(before + 1);
  });

  it("deletes a document's chunks, statistics and original, leaving the others searchable", async () => {
    const keep = await ingestBytes({
      name: "keep.txt",
      mimeType: "text/plain",
      data: bytes("Penguins huddle to stay warm."),
    });
    const drop = await ingestBytes({
      name: "drop.txt",
      mimeType: "text/plain",
      data: bytes("Albatrosses glide for hours over the ocean."),
    });
    expect(await chunksHolding("albatross")).toBe(1);
    await deleteDocument(drop.document.id);
    const hits = (await retrieve({ query: "albatross gliding", topK: 50 })).chunks;
    expect(hits.filter((hit) => hit.documentId === drop.document.id)).toEqual([]);
    expect(await chunksHolding("albatross")).toBe(0);
    expect(originals()).not.toContain(drop.document.id);
    const [penguins] = (await retrieve({ query: "penguins", topK: 5 })).chunks;
    expect(penguins.documentId).toBe(keep.document.id);
    await expect(deleteDocument(drop.document.id)).rejects.toThrow(/No document/);
  });

  it("cancels a document while it is being indexed: it goes with everything it left, and the queue goes on", async () => {
    const runner = startIngestRunner();
    const paragraphs = Array.from(
      { length: 20_000 },
      (_, n) => `Chapter ${n}: the ferry timetable for pier ${n}.`,
    );
    const { documents } = await uploadFiles([file(paragraphs.join("\n\n"), "ferries.md", "text/markdown")]);
    const id = "id" in documents[0] ? documents[0].id : "";
    await new Promise<void>((resolve) => {
      const onProgress = (documentId: string, progress: { chunksDone: number }) => {
        if (documentId !== id || progress.chunksDone === 0) return;
        runner.events.off("progress", onProgress);
        resolve();
      };
      runner.events.on("progress", onProgress);
    });
    const workerDone = jobSettled(runner, id);
    await deleteDocument(id);
    expect(await findDocument(await getDb(), id)).toBeUndefined();
    const fromCancelled = (hits: { documentId: string }[]) => hits.filter((hit) => hit.documentId === id);
    expect(fromCancelled((await retrieve({ query: "ferry timetable pier", topK: 50 })).chunks)).toEqual([]);
    // The worker stops at its next progress report and removes what it wrote meanwhile.
    await workerDone;
    expect(await chunkIds(id)).toEqual([]);
    expect(originals()).not.toContain(id);
    const next = await ingestBytes({
      name: "after.txt",
      mimeType: "text/plain",
      data: bytes("Walruses haul out on ice."),
    });
    expect(next.document.status).toBe("ready");
    // After the deletion and the stopped job's clean-up, a word in one document alone still finds it.
    const [hit] = (await retrieve({ query: "walruses", topK: 5 })).chunks;
    expect(hit?.documentId).toBe(next.document.id);
  });

  it("runs a job that a crashed worker left halfway again from its original, ending with exactly a clean run's chunks", async () => {
    // No runner may take the job before the "crashed" worker does.
    await stopIngestRunner();
    const text = Array.from(
      { length: 300 },
      (_, n) => `Section ${n}. Lemmings migrate in cycles of ${n} years.`,
    ).join("\n\n");
    const { documents } = await uploadFiles([file(text, "lemmings.txt")]);
    const id = "id" in documents[0] ? documents[0].id : "";
    const db = await getDb();
    // A worker claims the job, writes a few chunks (one that a clean run would never have) and dies.
    const claimed = await claimJob(db, "worker-that-crashed");
    expect(claimed?.document.id).toBe(id);
    const collection = await chunkCollection(getEmbedder());
    const [embedding] = await getEmbedder().embedDocuments(["stale"]);
    await addChunks(
      collection,
      [0, 1, 999].map((index) => ({
        id: `${id}:${index}`,
        text: `stale chunk ${index}`,
        embedding,
        metadata: {
          documentId: id,
          documentName: "lemmings.txt",
          chunkIndex: index,
          page: 0,
          pageEnd: 0,
          tokens: 3,
        },
      })),
    );
    // The next start of the embedded database's only process releases the dead worker's lease.
    await releaseAllLeases(db);
    const document = await settledDocument(id);
    expect(document?.status).toBe("ready");
    const { CHUNK_TOKENS, CHUNK_OVERLAP_TOKENS } = env();
    const clean = chunkDocument([{ page: null, text }], {
      chunkTokens: CHUNK_TOKENS,
      overlapTokens: CHUNK_OVERLAP_TOKENS,
    });
    expect(document?.chunks).toBe(clean.length);
    expect(await chunkIds(id)).toEqual(clean.map((chunk) => `${id}:${chunk.index}`).sort());
    expect((await documentChunkTexts(collection, id)).sort()).toEqual(
      clean.map((chunk) => chunk.text).sort(),
    );
  });

  it("indexes at most INGEST_CONCURRENCY documents at once, in the order they came", async () => {
    const runner = startIngestRunner();
    const db = await getDb();
    let ids: string[] = [];
    const claimedOrder: string[] = [];
    let mostAtOnce = 0;
    const onProgress = async () => {
      const indexing = (await listDocuments(db, null)).filter(
        (document) => ids.includes(document.id) && document.status === "indexing",
      ).length;
      mostAtOnce = Math.max(mostAtOnce, indexing);
    };
    const onClaimed = (documentId: string) => {
      if (ids.includes(documentId)) claimedOrder.push(documentId);
    };
    runner.events.on("progress", onProgress);
    runner.events.on("claimed", onClaimed);
    const files = Array.from({ length: 6 }, (_, n) =>
      file(
        Array.from({ length: 400 }, (_, k) => `Fact ${k} about otter family ${n}.`).join("\n\n"),
        `otters-${n}.txt`,
      ),
    );
    const { documents } = await uploadFiles(files);
    ids = documents.map((document) => ("id" in document ? document.id : ""));
    const settled = await Promise.all(ids.map((id) => settledDocument(id)));
    runner.events.off("progress", onProgress);
    runner.events.off("claimed", onClaimed);
    expect(settled.every((document) => document?.status === "ready")).toBe(true);
    expect(mostAtOnce).toBeGreaterThan(0);
    expect(mostAtOnce).toBeLessThanOrEqual(env().INGEST_CONCURRENCY);
    expect(claimedOrder).toEqual(ids);
  });

  it("keeps a hostile file name as harmless text", async () => {
    const { document } = await ingestBytes({
      name: "../../etc/\u202Epasswd<script>.txt",
      mimeType: "text/plain",
      data: bytes("Harmless content about kites."),
    });
    expect(document.name).toBe("passwd<script>.txt");
    expect(await findDocument(await getDb(), document.id)).toBeDefined();
  });

  it("indexes identical content uploaded twice at the same time once", async () => {
    const data = new Uint8Array(
      await makeTextPdf(Array.from({ length: 30 }, (_, n) => `Page ${n} about the migration of storks.`)),
    );
    const [first, second] = await Promise.all([
      uploadFiles([new File([data], "storks.pdf", { type: "application/pdf" })]),
      uploadFiles([new File([data], "storks again.pdf", { type: "application/pdf" })]),
    ]);
    const firstId = "id" in first.documents[0] ? first.documents[0].id : "";
    expect("id" in second.documents[0] && second.documents[0].id).toBe(firstId);
    expect([first.status, second.status].sort()).toEqual([200, 202]);
    const document = await settledDocument(firstId);
    const hits = (await retrieve({ query: "storks", topK: 50 })).chunks;
    // (The offline embedder's hashed vectors also rank unrelated chunks; only the storks ones matter here.)
    const storks = hits.filter((hit) => hit.text.includes("storks"));
    expect(storks).toHaveLength(document?.chunks ?? -1);
    expect(new Set(storks.map((hit) => hit.documentId))).toEqual(new Set([firstId]));
  });

  it("deletes once when the same document is deleted concurrently, keeping the statistics right", async () => {
    const target = await ingestBytes({
      name: "narwhal-a.txt",
      mimeType: "text/plain",
      data: bytes("Narwhals have a long tusk."),
    });
    const other = await ingestBytes({
      name: "narwhal-b.txt",
      mimeType: "text/plain",
      data: bytes("Narwhals live in Arctic waters."),
    });
    await Promise.allSettled([1, 2, 3].map(() => deleteDocument(target.document.id)));
    expect(await findDocument(await getDb(), target.document.id)).toBeUndefined();
    expect(await chunksHolding("narwhal")).toBe(1);
    const [hit] = (await retrieve({ query: "narwhals", topK: 5 })).chunks;
    expect(hit.documentId).toBe(other.document.id);
  });
});
