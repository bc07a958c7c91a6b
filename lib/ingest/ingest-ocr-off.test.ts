import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { settledDocument, uploadFiles } from "./ingest-file";

// This file's server runs with OCR=off (the environment is read once per test file).
process.env.OCR = "off";
afterAll(() => {
  delete process.env.OCR;
});

describe("ingestion with OCR=off", () => {
  it("refuses a scanned PDF with a reason that says OCR is off and what to do", async () => {
    const name = "scanned-speex.pdf";
    const file = new File([readFileSync(path.resolve("e2e/fixtures", name))], name, {
      type: "application/pdf",
    });
    const { documents } = await uploadFiles([file]);
    const document = await settledDocument("id" in documents[0] ? documents[0].id : "");
    expect(document?.status).toBe("failed");
    expect(document?.error).toMatch(
      /no text layer: it looks like a scanned image, and OCR is off on this server \(OCR=off\)/,
    );
    expect(document?.ocrPages).toEqual([]);
  });
});
