import { describe, expect, it } from "vitest";
import { makeScannedPdf, makeTextPdf } from "@/e2e/support/make-pdf";
import { getDb } from "@/lib/db/client";
import { corpusStatistics, listDocuments } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { retrieve } from "@/lib/rag/retrieve";
import { deleteDocument } from "./delete-document";
import { type IngestProgress, ingestDocument } from "./index-document";

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe("ingestDocument (real Chroma and PGlite)", () => {
  it("indexes a PDF page by page, reports progress, and makes it searchable with its page", async () => {
    const pages = Array.from({ length: 12 }, (_, n) =>
      n === 6
        ? "The lighthouse keeper polishes the Fresnel lens every Tuesday."
        : `Filler page ${n} about gardening and soil.`,
    );
    const progress: IngestProgress[] = [];
    const { document, duplicate } = await ingestDocument({
      name: "lighthouse.pdf",
      mimeType: "application/pdf",
      data: new Uint8Array(await makeTextPdf(pages)),
      onProgress: (step) => progress.push(step),
    });
    expect(duplicate).toBe(false);
    expect(document).toMatchObject({ name: "lighthouse.pdf", kind: "pdf", pages: 12, status: "ready" });
    expect(document.chunks).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({
      stage: "finishing",
      pagesDone: 12,
      pageCount: 12,
      chunksDone: document.chunks,
    });
    expect(progress.some((step) => step.stage === "extracting")).toBe(true);

    const [best] = await retrieve({ query: "who cleans the lenses of the lighthouse?", topK: 3 });
    expect(best.documentId).toBe(document.id);
    expect(best.text).toContain("Fresnel lens");
    expect(best.page).toBeLessThanOrEqual(7);
    expect(best.pageEnd).toBeGreaterThanOrEqual(7);
  });

  it("treats identical content as the same document, without duplicate chunks", async () => {
    const data = bytes("# Recipes\n\nKnead the sourdough for ten minutes.");
    const first = await ingestDocument({ name: "recipes.md", mimeType: "text/markdown", data });
    const second = await ingestDocument({ name: "copy of recipes.md", mimeType: "text/markdown", data });
    expect(second.duplicate).toBe(true);
    expect(second.document.id).toBe(first.document.id);
    const hits = await retrieve({ query: "sourdough", topK: 10 });
    expect(hits).toHaveLength(first.document.chunks);
    expect(hits.every((hit) => hit.documentId === first.document.id)).toBe(true);
  });

  it("rejects a scanned PDF with a clear 422 and keeps nothing of it", async () => {
    const before = (await listDocuments(await getDb())).length;
    const error = await ingestDocument({
      name: "scan.pdf",
      mimeType: "application/pdf",
      data: new Uint8Array(await makeScannedPdf(2)),
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/no text layer.*OCR/);
    expect(await listDocuments(await getDb())).toHaveLength(before);
  });

  it("rejects an empty file", async () => {
    await expect(
      ingestDocument({ name: "empty.txt", mimeType: "text/plain", data: new Uint8Array() }),
    ).rejects.toThrow(/is empty/);
  });

  it("deletes a document's chunks and statistics, leaving the others searchable", async () => {
    const keep = await ingestDocument({
      name: "keep.txt",
      mimeType: "text/plain",
      data: bytes("Penguins huddle together to stay warm."),
    });
    const drop = await ingestDocument({
      name: "drop.txt",
      mimeType: "text/plain",
      data: bytes("Albatrosses glide for hours over the ocean."),
    });
    const db = await getDb();
    expect((await corpusStatistics(db, ["albatross"])).frequencies.get("albatross")).toBe(1);

    await deleteDocument(drop.document.id);
    expect(await retrieve({ query: "albatross gliding", topK: 5 })).toEqual([]);
    expect((await corpusStatistics(db, ["albatross"])).frequencies.has("albatross")).toBe(false);
    const [penguins] = await retrieve({ query: "penguins", topK: 5 });
    expect(penguins.documentId).toBe(keep.document.id);
    await expect(deleteDocument(drop.document.id)).rejects.toThrow(/No document/);
  });

  it("scopes retrieval to chosen documents", async () => {
    const a = await ingestDocument({
      name: "a.txt",
      mimeType: "text/plain",
      data: bytes("Volcanoes erupt lava in Iceland."),
    });
    await ingestDocument({
      name: "b.txt",
      mimeType: "text/plain",
      data: bytes("Volcanoes in Hawaii are shield volcanoes."),
    });
    const scoped = await retrieve({ query: "volcano", topK: 5, documentIds: [a.document.id] });
    expect(scoped.map((hit) => hit.documentId)).toEqual([a.document.id]);
  });

  it("keeps a hostile file name as harmless text", async () => {
    const { document } = await ingestDocument({
      name: "../../etc/\u202Epasswd<script>.txt",
      mimeType: "text/plain",
      data: bytes("Harmless content about kites."),
    });
    expect(document.name).toBe("passwd<script>.txt");
  });

  it("indexes identical content uploaded twice at the same time once", async () => {
    const data = new Uint8Array(
      await makeTextPdf(Array.from({ length: 30 }, (_, n) => `Page ${n} about the migration of storks.`)),
    );
    const [first, second] = await Promise.all([
      ingestDocument({ name: "storks.pdf", mimeType: "application/pdf", data }),
      ingestDocument({ name: "storks again.pdf", mimeType: "application/pdf", data }),
    ]);
    expect(second.document.id).toBe(first.document.id);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    const hits = await retrieve({ query: "storks migration", topK: 50 });
    expect(hits).toHaveLength(first.document.chunks);
  });

  it("deletes once when the same document is deleted concurrently, keeping the statistics right", async () => {
    const target = await ingestDocument({
      name: "narwhal-a.txt",
      mimeType: "text/plain",
      data: bytes("Narwhals have a long tusk."),
    });
    const other = await ingestDocument({
      name: "narwhal-b.txt",
      mimeType: "text/plain",
      data: bytes("Narwhals live in Arctic waters."),
    });
    const results = await Promise.allSettled([1, 2, 3].map(() => deleteDocument(target.document.id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    expect((await corpusStatistics(db, ["narwhal"])).frequencies.get("narwhal")).toBe(1);
    const [hit] = await retrieve({ query: "narwhals", topK: 5 });
    expect(hit.documentId).toBe(other.document.id);
  });
});
