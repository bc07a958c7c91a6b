import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { describe, expect, it } from "vitest";
import { type Chunk, Chunker } from "@/lib/ingest/chunk";
import { extract } from "@/lib/ingest/extract";
import {
  ocrBoxes,
  type PageBox,
  type PdfTextItem,
  pageFractions,
  textLayerBoxes,
  topmost,
} from "./highlight-boxes";

const fixture = (name: string) => path.resolve("e2e/fixtures", name);

/** The chunks indexing makes of a file's first pages, as the chat cites them. */
async function chunksOf(file: string, pages: number): Promise<Chunk[]> {
  const extracted = await extract({ kind: "pdf", file, limits: { maxUnzippedBytes: 1 << 30 } });
  const chunker = new Chunker({ chunkTokens: 512, overlapTokens: 64 });
  const chunks: Chunk[] = [];
  for await (const batch of extracted.pages) {
    for (const { page, text } of batch)
      if (page !== null && page <= pages) chunks.push(...chunker.push(text, page));
    if (batch.some(({ page }) => page !== null && page >= pages)) break;
  }
  return [...chunks, ...chunker.flush()];
}

/** What the viewer gets from pdf.js for each page, and its converter to page fractions. */
async function textLayers(file: string, pages: number) {
  const pdf = await getDocument({ url: file, isEvalSupported: false }).promise;
  const layers = new Map<
    number,
    { items: PdfTextItem[]; toPage: (r: [number, number, number, number]) => PageBox }
  >();
  for (let n = 1; n <= pages; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    layers.set(n, {
      items: content.items.filter((item): item is TextItem => "str" in item),
      toPage: pageFractions(viewport),
    });
  }
  await pdf.destroy();
  return layers;
}

describe("textLayerBoxes on a real manual", () => {
  it("places every indexed passage on its page, inside the page, from pdf.js's own text layer", async () => {
    const PAGES = 12;
    const file = fixture("speex-manual.pdf");
    const [chunks, layers] = await Promise.all([chunksOf(file, PAGES), textLayers(file, PAGES)]);
    const cited = chunks.filter(
      (chunk) => chunk.page !== null && chunk.page <= PAGES && chunk.text.length > 80,
    );
    expect(cited.length).toBeGreaterThan(10);
    for (const chunk of cited) {
      const layer = layers.get(chunk.page as number);
      if (!layer) throw new Error(`no page ${chunk.page}`);
      const boxes = textLayerBoxes(layer.items, chunk.text, layer.toPage);
      expect(boxes.length, `chunk ${chunk.index} on page ${chunk.page}`).toBeGreaterThan(0);
      for (const [left, top, right, bottom] of boxes) {
        expect(left).toBeGreaterThanOrEqual(0);
        expect(right).toBeLessThanOrEqual(1.001);
        expect(top).toBeGreaterThanOrEqual(-0.01);
        expect(bottom).toBeLessThanOrEqual(1);
        expect(right).toBeGreaterThan(left);
        expect(bottom).toBeGreaterThan(top);
      }
    }
  }, 60_000);

  it("finds no boxes for a passage from another page", async () => {
    const file = fixture("speex-manual.pdf");
    const [chunks, layers] = await Promise.all([chunksOf(file, 8), textLayers(file, 8)]);
    const onEight = chunks.find(
      (chunk) => chunk.page === 8 && chunk.pageEnd === 8 && chunk.text.length > 200,
    );
    const layer = layers.get(3);
    if (!onEight || !layer) throw new Error("fixture changed");
    expect(textLayerBoxes(layer.items, onEight.text, layer.toPage)).toEqual([]);
  }, 60_000);
});

describe("textLayerBoxes", () => {
  const identity = (rectangle: [number, number, number, number]): PageBox => rectangle;
  const item = (str: string, x: number, y: number, width: number): PdfTextItem => ({
    str,
    transform: [10, 0, 0, 10, x, y],
    width,
    height: 10,
    hasEOL: true,
  });

  it("covers the share of an item that holds the passage, and the whole of the items inside it", () => {
    const items = [
      item("Unrelated opening words of the page.", 0, 100, 360),
      item("Here the cited passage begins and it", 0, 80, 370),
      item("ends on this line.", 0, 60, 180),
    ];
    const boxes = textLayerBoxes(items, "the cited passage begins and it ends on this line", identity);
    expect(boxes).toHaveLength(2);
    const [first, second] = boxes;
    // "Here " is 5 of the item's 36 characters: the box starts that far in.
    expect(first[0]).toBeCloseTo((370 * 5) / 36, 5);
    expect(first[2]).toBeCloseTo(370, 5);
    expect(second[0]).toBe(0);
    expect(second[2]).toBeCloseTo((180 * 17) / 18, 5);
    expect(topmost(boxes)).toBe(second);
  });
});

describe("ocrBoxes", () => {
  it("returns the boxes of the words the passage covers, one per word", () => {
    const words = "Speex encodes speech at bit-rates from 2 to 44 kbps using CELP"
      .split(" ")
      .map((text, n) => ({
        text,
        box: [n / 20, 0.5, (n + 1) / 20, 0.52] as PageBox,
      }));
    const boxes = ocrBoxes(words, "speech at bit rates from 2 to 44 kbps");
    expect(boxes.map((box) => words.findIndex((word) => word.box === box))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("returns nothing when the words do not hold the passage", () => {
    const words = [{ text: "Unrelated", box: [0, 0, 0.1, 0.1] as PageBox }];
    expect(ocrBoxes(words, "a passage about something else entirely, long enough to count")).toEqual([]);
  });
});
