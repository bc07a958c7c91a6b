import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDocx } from "@/e2e/support/make-docx";
import { AppError } from "@/lib/errors";
import { extractPptx } from "./pptx";
import type { ExtractedDocument, PageText } from "./types";
import { extractXlsx } from "./xlsx";

// XLSX and PPTX, from the fixtures made by scripts/fixtures/make-office-fixtures.ts.
const limits = { maxUnzippedBytes: 200 * 1024 * 1024 };
const fixture = (name: string) => path.resolve("e2e/fixtures", name);
const folder = mkdtempSync(path.join(tmpdir(), "office-extract-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function pagesOf(extracted: ExtractedDocument): Promise<PageText[]> {
  const pages: PageText[] = [];
  for await (const batch of extracted.pages) pages.push(...batch);
  return pages;
}

function write(name: string, data: Buffer): string {
  const file = path.join(folder, name);
  writeFileSync(file, data);
  return file;
}

describe("XLSX extraction", () => {
  it("writes each sheet as a section holding its table, the first row the header", async () => {
    const [page] = await pagesOf(await extractXlsx(fixture("speex-modes.xlsx"), limits));
    expect(page.page).toBeNull();
    expect(page.text).toContain(
      "## Narrowband modes\n\n| Mode | Quality | Bit-rate (bps) | mflops | Quality/description |\n| --- | --- | --- | --- | --- |\n| 0 | - | 250 | 0 | No transmission (DTX) |",
    );
    expect(page.text).toContain("| 1 | 0 | 2,150 | 6 | Vocoder (mostly for comfort noise) |");
    expect(page.text).toContain(
      "## Sampling rates\n\n| Band | Sampling rate (kHz) | Highest frequency (kHz) |\n| --- | --- | --- |\n| narrowband | 8 | 4 |",
    );
  });

  it("calls a damaged workbook damaged", async () => {
    // A valid zip (a DOCX), but no workbook inside.
    const error = await extractXlsx(write("not-a-workbook.xlsx", makeDocx(["Hello"])), limits).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe("This file could not be read as an XLSX workbook: it may be damaged.");
  });
});

describe("PPTX extraction", () => {
  it("reads slides in the order shown, slide number as the page, with tables as tables and the speaker notes", async () => {
    const extracted = await extractPptx(fixture("speex-overview.pptx"), limits);
    expect(extracted.pageCount).toBe(3);
    const pages = await pagesOf(extracted);
    expect(pages.map((page) => page.page)).toEqual([1, 2, 3]);
    expect(pages[0].text).toBe(
      "Speex\nA free codec for free speech\n\nNotes:\nSpeex is patent-free and open-source.",
    );
    // Shown second, though its part is slide3.xml.
    expect(pages[1].text).toBe(
      "Sampling rates\n8 kHz narrowband\n16 kHz wideband\n32 kHz ultra-wideband\n\nNotes:\nHalf the sampling rate is the Nyquist frequency, the highest one represented.",
    );
    expect(pages[2].text).toContain(
      "| Mode | Bit-rate (bps) | Quality/description |\n| --- | --- | --- |\n| 1 | 2,150 | Vocoder (mostly for comfort noise) |",
    );
  });

  it("calls a damaged presentation damaged", async () => {
    const error = await extractPptx(write("not-slides.pptx", makeDocx(["Hello"])), limits).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe("This file could not be read as a PPTX presentation: it may be damaged.");
    const truncated = readFileSync(fixture("speex-overview.pptx")).subarray(0, 3000);
    await expect(extractPptx(write("truncated.pptx", truncated), limits)).rejects.toThrow(/damaged/);
  });
});
