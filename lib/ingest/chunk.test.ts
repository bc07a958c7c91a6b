import { describe, expect, it } from "vitest";
import { Chunker, chunkDocument } from "./chunk";
import { countTokens } from "./tokenizer";

const options = { chunkTokens: 120, overlapTokens: 20 };

function sentence(topic: string, n: number) {
  return `The ${topic} section explains detail number ${n} with enough words to matter.`;
}

describe("chunkDocument", () => {
  it("keeps a short document in one chunk with its page", () => {
    const chunks = chunkDocument([{ page: 1, text: "Hello there. A short page." }], options);
    expect(chunks).toEqual([
      { index: 0, text: "Hello there. A short page.", tokens: expect.any(Number), page: 1, pageEnd: 1 },
    ]);
  });

  it("cuts long text into chunks within the token budget, never mid-word", () => {
    const text = Array.from({ length: 80 }, (_, n) => sentence("install", n)).join(" ");
    const chunks = chunkDocument([{ page: null, text }], options);
    expect(chunks.length).toBeGreaterThan(5);
    const words = new Set(text.split(/\s+/));
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(options.chunkTokens + 2);
      for (const word of chunk.text.split(/\s+/)) expect(words.has(word)).toBe(true);
    }
    expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, n) => n));
  });

  it("starts each chunk with the previous chunk's closing sentence as overlap", () => {
    const text = Array.from({ length: 40 }, (_, n) => sentence("overlap", n)).join(" ");
    const chunks = chunkDocument([{ page: null, text }], options);
    for (let n = 1; n < chunks.length; n++) {
      const firstSentence = chunks[n].text.split(/(?<=\.)\s/)[0];
      expect(chunks[n - 1].text).toContain(firstSentence);
    }
  });

  it("loses no sentence: every sentence of the input appears in some chunk", () => {
    const sentences = Array.from({ length: 60 }, (_, n) => sentence("coverage", n));
    const chunks = chunkDocument([{ page: null, text: sentences.join(" ") }], options);
    const joined = chunks.map((chunk) => chunk.text).join("\n");
    for (const s of sentences) expect(joined).toContain(s);
  });

  it("breaks at a heading rather than mid-section once a chunk is half full", () => {
    const intro = Array.from({ length: 6 }, (_, n) => sentence("intro", n)).join(" ");
    const text = `# Introduction\n\n${intro}\n\n## Configuration\n\nSet the port with PORT.`;
    const chunks = chunkDocument([{ page: null, text }], options);
    expect(chunks.some((chunk) => chunk.text.startsWith("## Configuration"))).toBe(true);
  });

  it("records the first and last page of chunks that cross a page break", () => {
    const pages = [1, 2, 3].map((page) => ({
      page,
      text: Array.from({ length: 5 }, (_, n) => sentence(`page${page}`, n)).join(" "),
    }));
    const chunks = chunkDocument(pages, options);
    expect(chunks[0].page).toBe(1);
    expect(chunks.some((chunk) => chunk.page !== chunk.pageEnd)).toBe(true);
    expect(chunks[chunks.length - 1].pageEnd).toBe(3);
    for (const chunk of chunks) {
      if (chunk.text.includes("page2 section")) expect(chunk.pageEnd).toBeGreaterThanOrEqual(2);
    }
  });

  it("joins PDF line breaks and hyphenation into running text", () => {
    const chunks = chunkDocument(
      [{ page: 1, text: "The configu-\nration file is read\nat start-up." }],
      options,
    );
    expect(chunks[0].text).toBe("The configuration file is read at start-up.");
  });

  it("splits a single giant sentence between words", () => {
    const text = Array.from({ length: 400 }, (_, n) => `word${n}`).join(" ");
    const chunks = chunkDocument([{ page: null, text }], options);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^word\d+( word\d+)*$/);
  });

  it("returns no chunks for whitespace-only input", () => {
    expect(chunkDocument([{ page: 1, text: "  \n\n \t" }], options)).toEqual([]);
  });

  it("gives the same chunks fed page by page as all at once", () => {
    const pages = [1, 2].map((page) => ({ page, text: sentence("same", page).repeat(20) }));
    const chunker = new Chunker(options);
    const incremental = [
      ...chunker.push(pages[0].text, 1),
      ...chunker.push(pages[1].text, 2),
      ...chunker.flush(),
    ];
    expect(incremental).toEqual(chunkDocument(pages, options));
  });
});
