import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { detectKind } from "./detect-kind";

describe("detectKind", () => {
  const pdf = new Uint8Array(Buffer.from("%PDF-1.7"));

  it("accepts the supported extensions and types", () => {
    expect(detectKind({ name: "a.pdf", mimeType: "application/pdf", head: pdf })).toBe("pdf");
    expect(detectKind({ name: "notes.md", mimeType: "", head: new Uint8Array([35]) })).toBe("markdown");
    expect(detectKind({ name: "README", mimeType: "text/plain", head: new Uint8Array([35]) })).toBe("text");
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    expect(detectKind({ name: "book.xlsx", mimeType: "", head: zip })).toBe("xlsx");
    expect(detectKind({ name: "deck.pptx", mimeType: "", head: zip })).toBe("pptx");
    expect(detectKind({ name: "page.htm", mimeType: "text/html", head: new Uint8Array([60]) })).toBe("html");
    expect(detectKind({ name: "data.csv", mimeType: "text/csv", head: new Uint8Array([97]) })).toBe("csv");
  });

  it("answers 415 naming the accepted types for anything else, even when the declared type claims text", () => {
    for (const [name, mimeType] of [
      ["photo.png", "image/png"],
      ["script.exe", "text/plain"],
    ]) {
      try {
        detectKind({ name, mimeType, head: new Uint8Array([137, 80]) });
        throw new Error("expected a 415");
      } catch (error) {
        expect((error as AppError).status).toBe(415);
        expect((error as AppError).message).toMatch(
          /PDF, DOCX, XLSX, PPTX, HTML, CSV, Markdown .* plain text/,
        );
      }
    }
  });

  it("answers 422 for a .pdf or .docx without its signature", () => {
    expect(() =>
      detectKind({ name: "fake.pdf", mimeType: "application/pdf", head: new Uint8Array([1, 2, 3]) }),
    ).toThrow(/not a valid PDF/);
    expect(() => detectKind({ name: "fake.docx", mimeType: "", head: pdf })).toThrow(/not a valid DOCX/);
    expect(() => detectKind({ name: "fake.pptx", mimeType: "", head: pdf })).toThrow(/not a valid PPTX/);
  });
});
