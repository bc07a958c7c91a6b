import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDocx } from "@/e2e/support/make-docx";
import { makeScannedPdf, makeTextPdf } from "@/e2e/support/make-pdf";
import { AppError } from "@/lib/errors";
import { detectKind, extract, type PageText } from ".";

async function allPages(pages: AsyncIterable<PageText[]>): Promise<PageText[]> {
  const result: PageText[] = [];
  for await (const batch of pages) result.push(...batch);
  return result;
}

const fixture = (name: string) => new Uint8Array(readFileSync(`e2e/fixtures/${name}`));

async function extractError(kind: Parameters<typeof extract>[0], data: Uint8Array): Promise<AppError> {
  try {
    const extracted = await extract(kind, data);
    await allPages(extracted.pages);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected extraction to fail");
}

describe("PDF extraction", () => {
  it("returns every page's text in order with 1-based page numbers", async () => {
    const texts = Array.from({ length: 20 }, (_, n) => `Page marker alpha${n + 1} with some words.`);
    const extracted = await extract("pdf", new Uint8Array(await makeTextPdf(texts)));
    expect(extracted.pageCount).toBe(20);
    const pages = await allPages(extracted.pages);
    expect(pages.map((page) => page.page)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    for (const [n, page] of pages.entries()) expect(page.text).toContain(`alpha${n + 1}`);
  });

  it("reads a real 140-page manual, keeping facts on their page", async () => {
    const extracted = await extract("pdf", fixture("flex-manual.pdf"));
    const pages = await allPages(extracted.pages);
    expect(pages).toHaveLength(140);
    const page71 = pages[70].text.replace(/\s+/g, " ");
    expect(page71).toContain("16kB for the input buffer");
  });

  it("explains that a password-protected PDF must be decrypted first", async () => {
    const error = await extractError("pdf", fixture("encrypted.pdf"));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/password/i);
  });

  it("calls a damaged PDF damaged", async () => {
    const data = new Uint8Array(Buffer.from("%PDF-1.7\nthis is not really a pdf\n%%EOF"));
    const error = await extractError("pdf", data);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/damaged|not really a PDF/i);
  });

  it("finds no text in a scanned PDF (the pipeline turns that into a 422)", async () => {
    const extracted = await extract("pdf", new Uint8Array(await makeScannedPdf(3)));
    const pages = await allPages(extracted.pages);
    expect(pages).toHaveLength(3);
    expect(pages.every((page) => page.text.trim() === "")).toBe(true);
  });
});

describe("DOCX and text extraction", () => {
  it("extracts DOCX paragraphs", async () => {
    const data = new Uint8Array(makeDocx(["Quarterly report", "Revenue grew by 12 percent in Lisbon."]));
    const pages = await allPages((await extract("docx", data)).pages);
    expect(pages).toHaveLength(1);
    expect(pages[0].page).toBeNull();
    expect(pages[0].text).toContain("Revenue grew by 12 percent in Lisbon.");
  });

  it("rejects a DOCX that is a broken archive", async () => {
    const data = new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));
    const error = await extractError("docx", data);
    expect(error.status).toBe(422);
  });

  it("decodes UTF-8 text and falls back to Windows-1252", async () => {
    const utf8 = await allPages(
      (await extract("text", new Uint8Array(Buffer.from("Crème brûlée, naïve café")))).pages,
    );
    expect(utf8[0].text).toBe("Crème brûlée, naïve café");
    const latin = await allPages(
      (await extract("markdown", new Uint8Array(Buffer.from("caf\xe9", "latin1")))).pages,
    );
    expect(latin[0].text).toBe("café");
  });

  it("refuses binary data posing as text", async () => {
    const error = await extractError("text", new Uint8Array([0x48, 0x00, 0x01, 0x02]));
    expect(error.status).toBe(422);
  });
});

describe("detectKind", () => {
  const pdf = new Uint8Array(Buffer.from("%PDF-1.7"));

  it("accepts the supported extensions and types", () => {
    expect(detectKind({ name: "a.pdf", mimeType: "application/pdf", data: pdf })).toBe("pdf");
    expect(detectKind({ name: "notes.md", mimeType: "", data: new Uint8Array([35]) })).toBe("markdown");
    expect(detectKind({ name: "README", mimeType: "text/plain", data: new Uint8Array([35]) })).toBe("text");
  });

  it("answers 415 naming the accepted types for anything else", () => {
    try {
      detectKind({ name: "photo.png", mimeType: "image/png", data: new Uint8Array([137, 80]) });
      throw new Error("expected a 415");
    } catch (error) {
      expect((error as AppError).status).toBe(415);
      expect((error as AppError).message).toMatch(/PDF, DOCX, Markdown .* plain text/);
    }
  });

  it("answers 422 for a .pdf that is not a PDF", () => {
    expect(() =>
      detectKind({ name: "fake.pdf", mimeType: "application/pdf", data: new Uint8Array([1, 2, 3]) }),
    ).toThrow(/not a valid PDF/);
  });
});
