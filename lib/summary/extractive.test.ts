import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { extractPdf } from "@/lib/ingest/extract/pdf";
import { type ExtractiveSentence, extractiveSummary, type SummaryPage, summarySections } from "./extractive";

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/** A PDF's pages as ingestion extracts them. */
async function pdfPages(name: string): Promise<SummaryPage[]> {
  const extracted = await extractPdf(path.resolve("e2e/fixtures", name));
  const pages: SummaryPage[] = [];
  for await (const batch of extracted.pages) pages.push(...batch.map(({ page, text }) => ({ page, text })));
  return pages;
}

const nonBlankLines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
const DOT_LEADER = /(?:\.\s*){5,}/;

/** Pages of a table of contents or an index: most of their lines end in dot leaders and a page number. */
function contentsPages(pages: SummaryPage[]): Set<number | null> {
  return new Set(
    pages
      .filter(({ text }) => {
        const lines = nonBlankLines(text);
        return lines.filter((line) => DOT_LEADER.test(line)).length > lines.length / 2;
      })
      .map(({ page }) => page),
  );
}

/** Each page's running headers and footers: lines at its top or bottom that recur, numbers aside, on 3 pages or more. */
function runningHeaders(pages: SummaryPage[]): Map<number | null, string[]> {
  const key = (line: string) => line.replace(/\d+/g, "0");
  const edges = pages.map(({ page, text }) => {
    const lines = nonBlankLines(text);
    return { page, lines: [...new Set([...lines.slice(0, 3), ...lines.slice(-3)])] };
  });
  const pagesWith = new Map<string, number>();
  for (const { lines } of edges)
    for (const line of lines) pagesWith.set(key(line), (pagesWith.get(key(line)) ?? 0) + 1);
  return new Map(
    edges.map(({ page, lines }) => [
      page,
      lines.filter((line) => /\p{L}/u.test(line) && (pagesWith.get(key(line)) ?? 0) >= 3),
    ]),
  );
}

/** The index of the section (by summarySections) that each page belongs to. */
function sectionOfPage(pages: SummaryPage[]): Map<number | null, number> {
  const sectionOf = new Map<number | null, number>();
  summarySections(pages).forEach((section, index) => {
    for (const { page } of section.pages) sectionOf.set(page, index);
  });
  return sectionOf;
}

function expectQuotedFromTheirPages(summary: ExtractiveSentence[], pages: SummaryPage[]) {
  const textOf = new Map(pages.map(({ page, text }) => [page, normalise(text)]));
  let previous = { page: 0, offset: -1 };
  for (const sentence of summary) {
    const offset = textOf.get(sentence.page)?.indexOf(normalise(sentence.text)) ?? -1;
    expect(offset, `"${sentence.text}" on page ${sentence.page}`).toBeGreaterThanOrEqual(0);
    const page = sentence.page ?? 0;
    expect(page).toBeGreaterThanOrEqual(previous.page);
    if (page === previous.page) expect(offset).toBeGreaterThan(previous.offset);
    previous = { page, offset };
  }
}

describe.each([
  { name: "flex-manual.pdf", minSections: 12 },
  { name: "autoconf-manual.pdf", minSections: 20 },
  { name: "speex-manual.pdf", minSections: 6 },
])("the offline summary of $name", ({ name, minSections }) => {
  let pages: SummaryPage[];
  let summary: ExtractiveSentence[];
  beforeAll(async () => {
    pages = await pdfPages(name);
    summary = extractiveSummary(pages);
  });

  it("quotes whole sentences from the pages it cites, in reading order", () => {
    expect(summary.length).toBeGreaterThan(10);
    expect(summary.length).toBeLessThanOrEqual(24);
    expectQuotedFromTheirPages(summary, pages);
    for (const { text } of summary) {
      expect(text.length).toBeGreaterThanOrEqual(30);
      expect(text.length).toBeLessThanOrEqual(500);
      expect(text).toMatch(/[.!?]["'”’)\]]*$/);
    }
  });

  it("quotes no table of contents, index or running header", () => {
    const contents = contentsPages(pages);
    const headers = runningHeaders(pages);
    expect(contents.size).toBeGreaterThan(0);
    expect([...headers.values()].flat().length).toBeGreaterThan(0);
    for (const sentence of summary) {
      expect(sentence.text).not.toMatch(DOT_LEADER);
      expect(contents.has(sentence.page), `"${sentence.text}" from page ${sentence.page}`).toBe(false);
      for (const header of headers.get(sentence.page) ?? [])
        expect(normalise(sentence.text)).not.toContain(normalise(header));
    }
  });

  it("covers the whole document", () => {
    const sectionOf = sectionOfPage(pages);
    expect(new Set(summary.map(({ page }) => sectionOf.get(page))).size).toBeGreaterThanOrEqual(minSections);
    const third = pages.length / 3;
    const inThird = (n: number) =>
      summary.filter(({ page }) => (page ?? 0) > n * third && (page ?? 0) <= (n + 1) * third).length;
    for (const n of [0, 1, 2]) expect(inThird(n), `sentences in third ${n + 1}`).toBeGreaterThanOrEqual(2);
  });

  it("respects the caps and gives the same summary every time", () => {
    const short = extractiveSummary(pages, { maxSentences: 5 });
    expect(short).toHaveLength(5);
    expectQuotedFromTheirPages(short, pages);
    const onePerSection = extractiveSummary(pages, { sentencesPerSection: 1, maxSentences: 1000 });
    const sectionOf = sectionOfPage(pages);
    expect(new Set(onePerSection.map(({ page }) => sectionOf.get(page))).size).toBe(onePerSection.length);
    expect(extractiveSummary(pages)).toEqual(summary);
  });
});

describe("the offline summary of a Markdown document", () => {
  const markdown = [
    "Notes from the roastery.",
    "",
    "## Roasting",
    "",
    "Green beans arrive from the farm in jute sacks.",
    "Heat from the spinning drum turns the sugars brown.",
    "The drum roaster applies heat to green beans until the sugars turn brown and the aroma develops.",
    "A rich aroma fills the room during the first crack.",
    "",
    "| Roast | Drum temperature in degrees |",
    "| --- | --- |",
    "| Light roast for filter brewing | 196 degrees until the first crack. |",
    "",
    "## Brewing",
    "",
    "```sh",
    "# Weigh the coffee before grinding it for the filter.",
    "```",
    "",
    "Filtered water should be just below boiling point.",
    "A coarse grind suits a slow pour over paper.",
    "Pour water just below boiling over a coarse grind through the paper filter, slowly.",
    "The paper filter holds back oils and fine sediment.",
    "",
    "## Storage",
    "",
    "Keep them in an opaque jar away from sunlight.",
    "Whole beans stay fresh for about a month.",
    "Keep whole beans fresh for a month in an opaque jar, sealed against air and moisture.",
    "Air and moisture make roasted coffee taste stale.",
  ].join("\n");

  it("picks the central sentence of each of its sections", () => {
    expect(extractiveSummary([{ page: null, text: markdown }], { sentencesPerSection: 1 })).toEqual([
      {
        text: "The drum roaster applies heat to green beans until the sugars turn brown and the aroma develops.",
        page: null,
        section: "Roasting",
      },
      {
        text: "Pour water just below boiling over a coarse grind through the paper filter, slowly.",
        page: null,
        section: "Brewing",
      },
      {
        text: "Keep whole beans fresh for a month in an opaque jar, sealed against air and moisture.",
        page: null,
        section: "Storage",
      },
    ]);
  });

  it("never quotes a table row or a code block", () => {
    const summary = extractiveSummary([{ page: null, text: markdown }], { sentencesPerSection: 10 });
    expect(summary.map(({ section }) => section)).toContain("Roasting");
    expect(summary.map(({ text }) => text).join("\n")).not.toMatch(/degrees|Weigh the coffee/);
    expect(summarySections([{ page: null, text: markdown }]).map(({ title }) => title)).toEqual([
      null,
      "Roasting",
      "Brewing",
      "Storage",
    ]);
  });
});

describe("the offline summary of the smallest documents", () => {
  it("is empty for a document without text", () => {
    expect(extractiveSummary([])).toEqual([]);
    expect(
      extractiveSummary([
        { page: 1, text: "" },
        { page: 2, text: " \n\n " },
      ]),
    ).toEqual([]);
  });

  it("is the one sentence of a one-sentence document", () => {
    const text = "Speex is a free codec for compressing speech.";
    expect(extractiveSummary([{ page: 1, text }])).toEqual([{ text, page: 1, section: null }]);
    expect(extractiveSummary([{ page: null, text: `  ${text}\n` }])).toEqual([
      { text, page: null, section: null },
    ]);
  });
});
