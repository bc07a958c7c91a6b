import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/test/random";
import { countTokens } from "@/lib/text/tokenizer";
import { Chunker, chunkDocument } from "./chunk";

const options = { chunkTokens: 120, overlapTokens: 20 };

function sentence(topic: string, n: number) {
  return `The ${topic} section explains detail number ${n} with enough words to matter.`;
}

describe("chunkDocument", () => {
  it("keeps a short document in one chunk with its page", () => {
    const chunks = chunkDocument([{ page: 1, text: "Hello there. A short page." }], options);
    expect(chunks).toEqual([
      {
        index: 0,
        text: "Hello there. A short page.",
        tokens: expect.any(Number),
        page: 1,
        pageEnd: 1,
        section: "",
      },
    ]);
  });

  it("gives each chunk the path of headings above it, a deeper heading nested and a sibling replacing", () => {
    const body = (topic: string) =>
      Array.from({ length: 30 }, (_, n) => `The ${topic} rule number ${n} matters here.`).join(" ");
    const text = [
      "3 Format of the Input",
      body("format"),
      "3.1 Definitions Section",
      body("definitions"),
      "3.2 Rules Section",
      body("rules"),
      "4 Patterns",
      body("patterns"),
    ].join("\n\n");
    const chunks = chunkDocument([{ page: 1, text }], options);
    const sectionOf = (word: string) =>
      chunks.find((chunk) => chunk.text.includes(`The ${word} rule number 29`))?.section;
    expect(sectionOf("format")).toBe("3 Format of the Input");
    expect(sectionOf("definitions")).toBe("3 Format of the Input > 3.1 Definitions Section");
    expect(sectionOf("rules")).toBe("3 Format of the Input > 3.2 Rules Section");
    expect(sectionOf("patterns")).toBe("4 Patterns");
  });

  it("cuts long text into chunks within the token budget, never mid-word", () => {
    const text = Array.from({ length: 80 }, (_, n) => sentence("install", n)).join(" ");
    const chunks = chunkDocument([{ page: null, text }], options);
    expect(chunks.length).toBeGreaterThan(5);
    const words = new Set(text.split(/\s+/));
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(options.chunkTokens);
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

/** The app's default chunk size and overlap. */
const appOptions = { chunkTokens: 512, overlapTokens: 64 };

function randomLetters(length: number, seed: number): string {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const random = seededRandom(seed);
  return Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join("");
}

function randomBase64(bytes: number, seed: number): string {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length: bytes }, () => Math.floor(random() * 256))).toString("base64");
}

/** A paragraph of Chinese-looking sentences: no spaces, a comma now and then, a full stop at each end. */
function chineseParagraph(sentences: number, seed: number): string {
  const random = seededRandom(seed);
  const character = () => String.fromCodePoint(0x4e00 + Math.floor(random() * 2500));
  return Array.from({ length: sentences }, () => {
    const clause = () => Array.from({ length: 4 + Math.floor(random() * 24) }, character).join("");
    return random() < 0.5 ? `${clause()}。` : `${clause()}，${clause()}。`;
  }).join("");
}

/** The text the chunks cover: each chunk minus the overlap it repeats from the one before. */
function withoutOverlap(chunks: { text: string }[]): string {
  let text = chunks[0]?.text ?? "";
  for (let n = 1; n < chunks.length; n++) {
    const previous = chunks[n - 1].text;
    const next = chunks[n].text;
    let overlap = Math.min(previous.length, next.length);
    while (overlap > 0 && !previous.endsWith(next.slice(0, overlap))) overlap--;
    text += next.slice(overlap);
  }
  return text;
}

/** Tokens of text counted in slices of 1,000 characters: close to the whole count, without its cost. */
function approximateTokens(text: string): number {
  let tokens = 0;
  for (let start = 0; start < text.length; start += 1000)
    tokens += countTokens(text.slice(start, start + 1000));
  return tokens;
}

describe("chunkDocument on Markdown tables", () => {
  const header = ["| Mode | Bit-rate (bps) | Quality |", "| --- | --- | --- |"];
  const rows = Array.from({ length: 60 }, (_, n) => `| mode ${n} | ${2150 + n * 100} | q${n % 10} |`);
  const document = `## Bit allocation\n\nThe modes are listed below.\n\n${[...header, ...rows].join("\n")}\n\nAfter the table, prose resumes.`;

  it("keeps rows whole and on their own lines, repeating the header in every chunk a table continues into", () => {
    const chunks = chunkDocument([{ page: 4, text: document }], options);
    const withRows = chunks.filter((chunk) => /\| mode \d+ \|/.test(chunk.text));
    expect(withRows.length).toBeGreaterThan(2);
    for (const chunk of withRows) {
      expect(chunk.tokens).toBeLessThanOrEqual(options.chunkTokens);
      const lines = chunk.text.split("\n");
      const first = lines.findIndex((line) => line.startsWith("| mode "));
      // The header and its separator stand right above the first row of every chunk.
      expect(lines.slice(first - 2, first)).toEqual(header);
      // No cell is glued to its neighbour: each row line is exactly a row of the table.
      for (const line of lines.filter((line) => line.startsWith("| mode "))) expect(rows).toContain(line);
    }
    // Every row is in some chunk, and in one chunk only.
    const placed = withRows.flatMap((chunk) =>
      chunk.text.split("\n").filter((line) => line.startsWith("| mode ")),
    );
    expect(placed).toEqual(rows);
    expect(chunks.at(-1)?.text).toContain("After the table, prose resumes.");
    expect(chunks.every((chunk) => chunk.section === "Bit allocation")).toBe(true);
  });

  it("keeps a small table in one chunk with the text around it, as written", () => {
    const small = `Intro line.\n\n${[...header, rows[0], rows[1]].join("\n")}\n\nClosing line.`;
    const [chunk, ...rest] = chunkDocument([{ page: null, text: small }], {
      chunkTokens: 512,
      overlapTokens: 64,
    });
    expect(rest).toEqual([]);
    expect(chunk.text).toBe(`Intro line.\n\n${[...header, rows[0], rows[1]].join("\n")}\n\nClosing line.`);
  });
});

describe("chunkDocument on text without spaces", () => {
  it.each([
    ["a 300,000-letter line", randomLetters(300_000, 1)],
    ["a 300 KB base64 blob", randomBase64(225_000, 2)],
    ["a long Chinese paragraph", chineseParagraph(1500, 3)],
  ])("cuts %s into chunks within the budget that hold all of it", (_, text) => {
    const chunks = chunkDocument([{ page: null, text }], appOptions);
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(appOptions.chunkTokens);
      expect(chunk.tokens).toBe(countTokens(chunk.text));
    }
    expect(withoutOverlap(chunks)).toBe(text);
    // Each chunk repeats up to overlapTokens of the previous one; the rest of it is new.
    const tokens = approximateTokens(text);
    expect(chunks.length).toBeGreaterThanOrEqual(Math.floor(tokens / appOptions.chunkTokens));
    expect(chunks.length).toBeLessThanOrEqual(
      Math.ceil((1.25 * tokens) / (appOptions.chunkTokens - appOptions.overlapTokens)),
    );
  });

  it("ends chunks of Chinese at the end of a sentence", () => {
    const chunks = chunkDocument([{ page: null, text: chineseParagraph(1500, 4) }], appOptions);
    expect(chunks.length).toBeGreaterThan(20);
    for (const chunk of chunks) expect(chunk.text.endsWith("。")).toBe(true);
  });

  it("chunks a 10 MB markdown file that is one word", () => {
    // One pre-token of 10 MB for cl100k_base: counting it whole never finished.
    const word = "a".repeat(10 * 1024 * 1024);
    const chunks = chunkDocument([{ page: null, text: `# Dump\n\n${word}\n` }], appOptions);
    expect(chunks[0].text).toMatch(/^# Dump\n\na+$/);
    for (const chunk of chunks.slice(1)) expect(chunk.text).toMatch(/^a+$/);
    for (const chunk of chunks) expect(countTokens(chunk.text)).toBeLessThanOrEqual(appOptions.chunkTokens);
    const held = chunks.reduce((sum, chunk) => sum + chunk.text.length, 0);
    expect(held).toBeGreaterThan(word.length);
  });

  it("keeps to a small budget with emoji, combining marks and a long URL, never cutting inside a character", () => {
    const text = [
      "A family: ",
      "👨‍👩‍👧‍👦".repeat(400),
      " and accents ",
      `e${"\u0301".repeat(30)}`.repeat(200),
      ` see https://example.com/${randomLetters(5000, 5)}?q=1 for details.`,
    ].join("");
    const chunks = chunkDocument([{ page: null, text }], options);
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(options.chunkTokens);
      // Neither half of a surrogate pair is left alone at either end.
      expect(chunk.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
    expect(chunks.some((chunk) => chunk.text.includes("👨‍👩‍👧‍👦"))).toBe(true);
  });

  it("reads a paragraph with a million spaces in it as one space", () => {
    const text = `Start${" ".repeat(1_000_000)}middle${"\t \u2003".repeat(100_000)}end.`;
    expect(chunkDocument([{ page: 1, text }], options).map((chunk) => chunk.text)).toEqual([
      "Start middle end.",
    ]);
  });

  it("indexes text that quotes the tokenizer's own special tokens", () => {
    const chunks = chunkDocument([{ page: null, text: "Models stop at <|endoftext|> markers." }], options);
    expect(chunks.map((chunk) => chunk.text)).toEqual(["Models stop at <|endoftext|> markers."]);
  });
});
