import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { ocrWords } from "@/lib/db/schema";
import { retrieve } from "@/lib/rag/retrieve";
import { deleteDocument } from "./delete-document";
import { settledDocument, uploadFiles } from "./ingest-file";

// Ingestion of scanned PDFs through the queue with OCR on (the default): real PDFium, tesseract.js
// with the English data from its npm package, PGlite and Chroma.
const fixture = (name: string) =>
  new File([readFileSync(path.resolve("e2e/fixtures", name))], name, { type: "application/pdf" });

async function uploadAndSettle(file: File) {
  const { documents } = await uploadFiles([file]);
  const id = "id" in documents[0] ? documents[0].id : "";
  return settledDocument(id);
}

describe("ingestion with OCR", () => {
  it("reads the scanned page of a mixed PDF by OCR, makes it searchable, keeps its words, and names the empty page", async () => {
    // Page 1 has a text layer; page 2 is a scan of the libtasn1 manual's copyright page; page 3 a blank scan.
    const document = await uploadAndSettle(fixture("mixed-scan.pdf"));
    expect(document).toMatchObject({ status: "ready", pages: 3, ocrPages: [2, 3], emptyPages: [3] });
    const id = document?.id as string;

    // Words that exist only in the scanned image are found. (The document is short: its one chunk
    // starts on page 1 and runs over the scan.)
    const [hit] = (
      await retrieve({ query: "Free Documentation License Version 1.3 Invariant Sections", topK: 3 })
    ).chunks;
    expect(hit.documentId).toBe(id);
    expect(hit.text).toMatch(/GNU Free Documentation License, Version 1\.3/);

    const db = await getDb();
    const stored = await db.select().from(ocrWords).where(eq(ocrWords.documentId, id));
    expect(stored.map((row) => row.page).sort()).toEqual([2, 3]);
    const page2 = stored.find((row) => row.page === 2)?.words ?? [];
    expect(page2.map((word) => word.text)).toContain("Invariant");
    expect(stored.find((row) => row.page === 3)?.words).toEqual([]);

    // Deleting the document leaves no OCR words behind.
    await deleteDocument(id);
    expect(await db.select().from(ocrWords).where(eq(ocrWords.documentId, id))).toEqual([]);
  });

  it("fails a scan in which OCR finds no text, saying so, and keeps it out of search", async () => {
    const blank = await PDFDocument.create();
    blank.addPage([612, 792]);
    blank.addPage([612, 792]);
    const file = new File([new Uint8Array(await blank.save())], "blank-scan.pdf", {
      type: "application/pdf",
    });
    const document = await uploadAndSettle(file);
    expect(document?.status).toBe("failed");
    expect(document?.error).toBe(
      '"blank-scan.pdf" has no readable text: OCR found none on its 2 pages. Check that the scan is legible, in a language OCR_LANGUAGES lists.',
    );
  });
});
