import { describe, expect, it } from "vitest";
import { indexingProgressText, pageList } from "./indexing-progress";

const progress = (values: Partial<Parameters<typeof indexingProgressText>[0]["progress"]>) => ({
  progress: { pagesDone: 0, pageCount: 40, chunksDone: 0, chunksTotal: null, readingOcr: false, ...values },
});

describe("indexing progress", () => {
  it("names the page OCR is reading, and counts pages otherwise", () => {
    expect(indexingProgressText(progress({ pagesDone: 2, chunksDone: 5, readingOcr: true }))).toBe(
      "reading page 3 of 40 (OCR) · 5 chunks",
    );
    expect(indexingProgressText(progress({ pagesDone: 2, chunksDone: 5 }))).toBe("2/40 pages · 5 chunks");
    // Every page read: the chunks are what is left, OCR or not.
    expect(
      indexingProgressText(progress({ pagesDone: 40, chunksDone: 5, chunksTotal: 9, readingOcr: true })),
    ).toBe("40/40 pages · 5/9 chunks");
  });

  it("lists pages as a person reads them", () => {
    expect(pageList([3])).toBe("3");
    expect(pageList([7, 3])).toBe("3 and 7");
    expect(pageList([1, 2, 3, 4, 9, 12, 13])).toBe("1–4, 9, 12 and 13");
    expect(pageList([])).toBe("");
  });
});
