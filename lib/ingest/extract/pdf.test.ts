import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { makeScannedPdf, makeTextPdf } from "@/e2e/support/make-pdf";
import { PDF_PAGE_BATCH } from "@/lib/config/constants";
import { AppError } from "@/lib/errors";
import type { OcrOptions } from "./ocr";
import { extractPdf, extractWithPdfium, extractWithPdfParse } from "./pdf";
import type { ExtractedDocument, PageText } from "./types";

const folder = mkdtempSync(path.join(tmpdir(), "pdf-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let written = 0;
function writePdf(bytes: Uint8Array): string {
  const file = path.join(folder, `${written++}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

const fixture = (name: string) => path.resolve("e2e/fixtures", name);

async function allPages(extracted: ExtractedDocument): Promise<PageText[]> {
  const result: PageText[] = [];
  for await (const batch of extracted.pages) result.push(...batch);
  return result;
}

async function extractError(extracting: Promise<ExtractedDocument>): Promise<AppError> {
  try {
    await allPages(await extracting);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected extraction to fail");
}

/** Lowercase words with their counts. */
function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/** Jaccard similarity of two multisets of words: shared occurrences over all occurrences. */
function wordOverlap(a: string, b: string): number {
  const countsA = wordCounts(a);
  const countsB = wordCounts(b);
  let shared = 0;
  let total = 0;
  for (const word of new Set([...countsA.keys(), ...countsB.keys()])) {
    shared += Math.min(countsA.get(word) ?? 0, countsB.get(word) ?? 0);
    total += Math.max(countsA.get(word) ?? 0, countsB.get(word) ?? 0);
  }
  return total === 0 ? 1 : shared / total;
}

describe("PDF extraction", () => {
  it("returns every page's text in order, 1-based, in batches of PDF_PAGE_BATCH", async () => {
    const texts = Array.from({ length: 20 }, (_, n) => `Page marker alpha${n + 1} with some words.`);
    const extracted = await extractPdf(writePdf(await makeTextPdf(texts)));
    expect(extracted.pageCount).toBe(20);
    const batchSizes: number[] = [];
    const pages: PageText[] = [];
    for await (const batch of extracted.pages) {
      batchSizes.push(batch.length);
      pages.push(...batch);
    }
    expect(batchSizes).toEqual([PDF_PAGE_BATCH, PDF_PAGE_BATCH, 20 - 2 * PDF_PAGE_BATCH]);
    expect(pages.map((page) => page.page)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    for (const [n, page] of pages.entries()) expect(page.text).toContain(`alpha${n + 1}`);
  });

  it("reads a real 140-page manual, keeping facts on their page", async () => {
    const pages = await allPages(await extractPdf(fixture("flex-manual.pdf")));
    expect(pages).toHaveLength(140);
    expect(pages[70].text.replace(/\s+/g, " ")).toContain("16kB for the input buffer");
  });

  it("keeps line breaks and puts a blank line between paragraphs", async () => {
    const first = "The first paragraph is long enough to wrap onto a second line of the page, ".repeat(2);
    const file = writePdf(await makeTextPdf([`${first.trim()}\nThe second paragraph stands apart.`]));
    const [page] = await allPages(await extractPdf(file));
    expect(page.text).toBe(
      "The first paragraph is long enough to wrap onto a second line of the page, The first paragraph is long\n" +
        "enough to wrap onto a second line of the page,\n\nThe second paragraph stands apart.",
    );
  });

  it("leaves a hyphen at a line end, and the line break after it, for the chunker to judge", async () => {
    const document = await PDFDocument.create();
    const style = { x: 56, size: 11, font: await document.embedFont(StandardFonts.Helvetica) };
    const page = document.addPage([612, 792]);
    page.drawText("Flex allocates memory for the buffer used to perform pattern match-", {
      ...style,
      y: 700,
    });
    page.drawText("ing against the input.", { ...style, y: 686 });
    const [extracted] = await allPages(await extractPdf(writePdf(await document.save())));
    expect(extracted.text).toBe(
      "Flex allocates memory for the buffer used to perform pattern match-\ning against the input.",
    );
  });

  it("explains that a password-protected PDF must be decrypted first", async () => {
    const error = await extractError(extractPdf(fixture("encrypted.pdf")));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/password-protected.*qpdf --decrypt/);
  });

  it("calls a damaged PDF damaged", async () => {
    const file = writePdf(Buffer.from("%PDF-1.7\nthis is not really a pdf\n%%EOF"));
    const error = await extractError(extractPdf(file));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/damaged or not really a PDF/);
  });

  it("says a PDF with no pages has no pages, with either engine", async () => {
    const empty = await PDFDocument.create();
    const file = writePdf(await empty.save({ addDefaultPage: false }));
    for (const extracting of [extractPdf(file), extractWithPdfium(file), extractWithPdfParse(file)]) {
      const error = await extractError(extracting);
      expect(error.status).toBe(422);
      expect(error.message).toBe("This PDF has no pages.");
    }
  });

  it("returns empty pages for a scanned PDF when OCR is off (the pipeline turns that into a 422)", async () => {
    const pages = await allPages(await extractPdf(writePdf(await makeScannedPdf(3))));
    expect(pages).toHaveLength(3);
    expect(pages.every((page) => page.text.trim() === "")).toBe(true);
  });

  it("stops between batches when the signal is aborted", async () => {
    const controller = new AbortController();
    const texts = Array.from({ length: 3 * PDF_PAGE_BATCH }, (_, n) => `Page ${n + 1}`);
    const extracted = await extractPdf(writePdf(await makeTextPdf(texts)), { signal: controller.signal });
    const iterator = extracted.pages[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toHaveLength(PDF_PAGE_BATCH);
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("PDF engines", () => {
  it("falls back to pdf.js for a file PDFium refuses: more than 1 KB before the header", async () => {
    const pdf = await makeTextPdf(["Fallback marker omega on the first page", "And beta on the second"]);
    // As when a PDF is saved with the mail or HTTP headers it came with.
    const headers = `Content-Type: application/pdf\r\nX-Padding: ${"x".repeat(1100)}\r\n\r\n`;
    const file = writePdf(Buffer.concat([Buffer.from(headers), pdf]));

    const byPdfium = await extractError(extractWithPdfium(file));
    expect(byPdfium.message).toMatch(/damaged/);

    const pages = await allPages(await extractPdf(file));
    expect(pages.map((page) => page.page)).toEqual([1, 2]);
    expect(pages[0].text).toContain("Fallback marker omega");
    expect(pages[1].text).toContain("beta on the second");
  });

  // Measured on these fixtures: whole-document overlap 1.000 (libtasn1, autoconf) and 0.998 (flex);
  // every page at least 0.87. The lowest pages (flex 115 and 132) have lines running past the right
  // margin, which pdf.js cuts at the page edge and PDFium keeps. 0.99 and 0.8 leave room for the
  // engines' small differences without letting a page shift or a lost text layer through.
  it.each([
    ["libtasn1-manual.pdf", 36],
    ["flex-manual.pdf", 140],
    ["autoconf-manual.pdf", 403],
  ])(
    "PDFium and pdf.js agree on the words of each page of %s",
    { timeout: 180_000 },
    async (name, pageCount) => {
      const byPdfium = await allPages(await extractWithPdfium(fixture(name)));
      const byPdfParse = await allPages(await extractWithPdfParse(fixture(name)));
      expect(byPdfium).toHaveLength(pageCount);
      expect(byPdfParse).toHaveLength(pageCount);

      const joined = (pages: PageText[]) => pages.map((page) => page.text).join("\n");
      expect(wordOverlap(joined(byPdfium), joined(byPdfParse))).toBeGreaterThan(0.99);
      expect(byPdfium.map((page) => page.page)).toEqual(byPdfParse.map((page) => page.page));
      const weakPages = byPdfium
        .map((page, n) => ({ page: page.page, overlap: wordOverlap(page.text, byPdfParse[n].text) }))
        .filter(({ overlap }) => overlap <= 0.8);
      expect(weakPages).toEqual([]);
      expect(byPdfium.filter((page) => /[\r\ufffe]/.test(page.text))).toEqual([]);
      if (name === "flex-manual.pdf") {
        for (const pages of [byPdfium, byPdfParse]) {
          expect(pages[70].text.replace(/\s+/g, " ")).toContain("16kB for the input buffer");
        }
      }
    },
  );
});

/** English, from the npm package, on two workers (what a 2-core machine with one ingestion thread gets). */
const ocr: OcrOptions = {
  languages: ["eng"],
  dataFolder: path.resolve("node_modules/@tesseract.js-data/eng/4.0.0_best_int"),
  workers: 2,
};

/** Words as OCR and the text layer both give them: lowercase letters and digits only. */
const normalized = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

describe("PDF extraction with OCR", () => {
  it("reads every page of a scanned manual by OCR, with the words' boxes on the page", async () => {
    // Pages 5–7 of the Speex manual, rendered to 150 dpi greyscale JPEGs and wrapped in a PDF.
    const pages = await allPages(await extractPdf(fixture("scanned-speex.pdf"), { ocr }));
    expect(pages.map((page) => page.page)).toEqual([1, 2, 3]);
    expect(pages.every((page) => page.ocr !== undefined)).toBe(true);
    expect(normalized(pages[1].text)).toContain(
      "the speex codec http www speex org exists because there is a need",
    );
    expect(normalized(pages[1].text)).toContain("speex dev xiph org");
    expect(normalized(pages[2].text)).toContain("is known as the nyquist frequency");
    // Paragraphs stay apart, for the chunker.
    expect(pages[1].text).toMatch(/\n\n/);

    const words = pages[2].ocr?.words ?? [];
    const nyquist = words.find((word) => word.text.toLowerCase().startsWith("nyquist"));
    if (!nyquist) throw new Error("OCR did not find the word Nyquist");
    const [left, top, right, bottom] = nyquist.box;
    // Inside the page, in reading order with the words around it, and about one line high.
    expect(0 < left && left < right && right < 1 && 0 < top && top < bottom && bottom < 1).toBe(true);
    expect(bottom - top).toBeLessThan(0.03);
    const index = words.indexOf(nyquist);
    expect(words[index - 1].box[0]).toBeLessThan(left);
  });

  it("reads only the pages that need it in a mixed PDF, and says which page held nothing", async () => {
    // Page 1 has its text layer; page 2 is a scan of the manual's copyright page; page 3 a blank scan.
    const pages = await allPages(await extractPdf(fixture("mixed-scan.pdf"), { ocr }));
    expect(pages.map((page) => page.ocr === undefined)).toEqual([true, false, false]);
    expect(normalized(pages[0].text)).toContain("libtasn1");
    expect(normalized(pages[1].text)).toContain("gnu free documentation license version 1 3");
    expect(pages[2]).toEqual({ page: 3, text: "", ocr: { words: [] } });
  });

  it("fails the document, saying why, when OCR cannot start (here: no language data)", async () => {
    const broken = { ...ocr, dataFolder: path.join(folder, "no-such-folder") };
    const error = await extractError(extractPdf(fixture("scanned-speex.pdf"), { ocr: broken }));
    expect(error.code).toBe("internal");
    expect(error.message).toMatch(
      /^OCR could not start on this server \(ENOENT: no such file or directory.*eng\.traineddata\.gz'\)\.$/,
    );
  });

  it("moves progress at OCR's pace: a batch ends when every OCR worker has had a page", async () => {
    const extracted = await extractPdf(fixture("scanned-speex.pdf"), { ocr: { ...ocr, workers: 1 } });
    const sizes: number[] = [];
    for await (const batch of extracted.pages) sizes.push(batch.length);
    expect(sizes).toEqual([1, 1, 1]);
  });
});
