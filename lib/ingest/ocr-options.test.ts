import { afterAll, describe, expect, it } from "vitest";
import { ocrOptions } from "./ocr-options";

// The environment is read once per test file: this one names a language with no data installed.
process.env.OCR_LANGUAGES = "eng+zzz";
afterAll(() => {
  delete process.env.OCR_LANGUAGES;
});

describe("OCR options", () => {
  it("refuses a language whose data is not installed, saying what to install", () => {
    expect(() => ocrOptions()).toThrow(
      "OCR_LANGUAGES names zzz, whose OCR data is not installed: run npm install @tesseract.js-data/zzz, or set OCR=off.",
    );
  });
});
