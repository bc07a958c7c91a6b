// The offline summary, for when no model is configured: TextRank over each section's sentences, the
// most central ones quoted verbatim with their page, in reading order.
import { SENTENCE } from "@/lib/ai/offline-answerer";
import { analyze } from "@/lib/text/analyze";

/** A document's text on one page (page null for kinds without pages). */
export type SummaryPage = { page: number | null; text: string };
/** Part of a document summarised on its own: a Markdown section, or a group of pages. */
export type SummarySection = { title: string | null; pages: SummaryPage[] };
export type ExtractiveSentence = { text: string; page: number | null; section: string | null };

const DEFAULT_SENTENCES_PER_SECTION = 3;
const DEFAULT_MAX_SENTENCES = 24;
/** A document with page numbers is summarised in groups of this many pages. */
const PAGES_PER_SECTION = 10;
/** The similarity graph is pairwise: a section with more sentences is ranked in equal parts of at most this many. */
const MAX_GRAPH_SENTENCES = 400;
const MIN_SENTENCE_CHARS = 30;
const MAX_SENTENCE_CHARS = 500;
const DAMPING = 0.85;
const TOLERANCE = 1e-4;
const MAX_ITERATIONS = 30;

const HEADING = /^(#{1,6})\s+(\S.*?)(?:\s+#+)?\s*$/;
const FENCE = /^(?:```|~~~)/;
/** Dot leaders, as in a table of contents or an index ("Patterns . . . . 9"). */
const DOT_LEADER = /(?:\.\s*){5,}/;
/** A list item starts a block of its own. */
const LIST_MARKER = /^(?:[-*+•]|\d{1,3}[.)])\s+/;
/** So does each line of a quote, which in a printed e-mail is hard-wrapped with the marker on every line. */
const QUOTE_MARKER = /^>\s*/;
/** Sentence punctuation at the end, before any closing quote or bracket: headings, code and cut-off text lack it. */
const SENTENCE_END = /[.!?]["'”’)\]]*$/;
/** A bullet inside a line: list items that a paragraph's lines were joined across. */
const INLINE_BULLET = /\s+•\s+/;
/** A quote marker inside a line: a hard-wrapped quote joined into one line. */
const INLINE_QUOTE = /\s>\s/;
/** Lines of an e-mail header, as in a mailing-list thread printed into a manual's FAQ. */
const MAIL_HEADER = /^(?:From|To|Cc|Subject|Date|Reply-To|In-Reply-To|Message-ID):\s/i;
/** Characters of code rather than prose; a line or sentence with this share of them or more is code. */
const CODE_SYMBOL = /[{}()[\];=<>|$\\^&*#%~]/g;
const MAX_CODE_SHARE = 0.1;

type Candidate = { text: string; page: number | null; order: number; terms: string[] };
/** Sentences ranked together: a section, or an equal part of a long one. */
type RankedUnit = { title: string | null; ranked: Candidate[]; weight: number };

/**
 * Sections of a document. Documents without page numbers (Markdown, HTML, DOCX, text) are cut at
 * the top two levels of Markdown headings found outside code fences; documents with page numbers
 * (PDF, PPTX) in groups of PAGES_PER_SECTION pages by number, untitled: their text has no
 * Markdown headings, and a line starting "# " in a PDF is a shell or C comment in an example.
 */
export function summarySections(pages: SummaryPage[]): SummarySection[] {
  if (pages.some((page) => page.page !== null)) {
    const groups = new Map<number, SummaryPage[]>();
    let group = 0;
    for (const page of pages) {
      if (page.page !== null) group = Math.floor((page.page - 1) / PAGES_PER_SECTION);
      const grouped = groups.get(group);
      if (grouped) grouped.push(page);
      else groups.set(group, [page]);
    }
    return [...groups.values()].map((grouped) => ({ title: null, pages: grouped }));
  }
  const levels = headingLevels(pages);
  const topLevels = [...new Set(levels.filter((level) => level > 0))].sort((a, b) => a - b).slice(0, 2);
  const sections: SummarySection[] = [{ title: null, pages: [] }];
  let position = 0;
  for (const { page, text } of pages) {
    let lines: string[] = [];
    const close = () => {
      if (lines.length > 0) sections[sections.length - 1].pages.push({ page, text: lines.join("\n") });
      lines = [];
    };
    for (const line of text.split(/\r\n?|\n/)) {
      const heading = levels[position] ?? 0;
      position++;
      if (!topLevels.includes(heading)) {
        lines.push(line);
        continue;
      }
      close();
      sections.push({ title: HEADING.exec(line.trim())?.[2] ?? null, pages: [] });
    }
    close();
  }
  return sections.filter((section) => section.pages.length > 0);
}

/** Each line's Markdown heading level (0: not a heading), over all pages in turn. */
function headingLevels(pages: SummaryPage[]): number[] {
  const levels: number[] = [];
  let inFence = false;
  for (const { text } of pages) {
    for (const line of text.split(/\r\n?|\n/)) {
      const trimmed = line.trim();
      if (FENCE.test(trimmed)) inFence = !inFence;
      levels.push(inFence ? 0 : (HEADING.exec(trimmed)?.[1].length ?? 0));
    }
  }
  return levels;
}

/** The same line with its numbers left out, so "Chapter 6: Patterns 12" matches the header of page 13. */
function lineKey(line: string): string {
  return line.trim().replace(/\d+/g, "0").replace(/\s+/g, " ").toLowerCase();
}

/** Running headers and footers: lines found on more than a third of the pages (and on at least 3). */
function repeatedLines(pages: SummaryPage[]): Set<string> {
  const pagesWith = new Map<string, number>();
  for (const { text } of pages) {
    for (const key of new Set(text.split(/\r\n?|\n/).map(lineKey))) {
      if (key) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
    }
  }
  return new Set(
    [...pagesWith].filter(([, count]) => count >= 3 && count > pages.length / 3).map(([key]) => key),
  );
}

function mostlyLetters(text: string, share: number): boolean {
  const visible = text.replace(/\s+/g, "");
  const letters = visible.match(/\p{L}/gu)?.length ?? 0;
  return letters >= share * visible.length;
}

function codeShare(text: string): number {
  const visible = text.replace(/\s+/g, "");
  return visible.length === 0 ? 0 : (visible.match(CODE_SYMBOL)?.length ?? 0) / visible.length;
}

/** A line that never belongs to a sentence: a heading, a table row, a contents line, a header, code. */
function isJunkLine(trimmed: string, repeated: Set<string>): boolean {
  return (
    HEADING.test(trimmed) ||
    trimmed.startsWith("|") ||
    DOT_LEADER.test(trimmed) ||
    MAIL_HEADER.test(trimmed) ||
    !mostlyLetters(trimmed, 0.5) ||
    codeShare(trimmed) >= MAX_CODE_SHARE ||
    repeated.has(lineKey(trimmed))
  );
}

/** Where reading stands, carried from page to page and section to section. */
type Reading = { order: number; lastLine: string; interrupted: boolean; inFence: boolean };
/** A block's text, and whether it starts with the end of a sentence begun before it. */
type Block = { lines: string[]; continues: boolean };

/**
 * A block continues the last line read when that line ended mid-sentence and the block starts in
 * lower case, after a page break, a header or code between them, or after a line too long to be a heading.
 */
function continuesSentence(line: string, reading: Reading): boolean {
  return (
    /^\p{Ll}/u.test(line) &&
    reading.lastLine !== "" &&
    !/[.!?:]["'”’)\]]*$/.test(reading.lastLine) &&
    (reading.interrupted || reading.lastLine.length >= 60)
  );
}

/**
 * The sentences of a section worth quoting, each verbatim (whitespace aside) on its page. Junk lines
 * end a block rather than being cut out of it, so a sentence never joins text from around one.
 */
function candidates(section: SummarySection, repeated: Set<string>, reading: Reading): Candidate[] {
  const found: Candidate[] = [];
  for (const { page, text } of section.pages) {
    reading.interrupted = true;
    const blocks: Block[] = [];
    let block: Block | null = null;
    for (const line of text.split(/\r\n?|\n/)) {
      const trimmed = line.trim();
      const fence = FENCE.test(trimmed);
      if (fence) reading.inFence = !reading.inFence;
      if (!trimmed) {
        block = null;
      } else if (fence || reading.inFence || isJunkLine(trimmed, repeated)) {
        block = null;
        reading.interrupted = true;
      } else {
        const item = LIST_MARKER.test(trimmed);
        const quote = QUOTE_MARKER.test(trimmed);
        const content = trimmed.replace(item ? LIST_MARKER : QUOTE_MARKER, "");
        if (!block || item || quote) {
          block = { lines: [], continues: !item && continuesSentence(content, reading) };
          blocks.push(block);
        }
        block.lines.push(content);
        reading.lastLine = content;
        reading.interrupted = false;
      }
    }
    for (const { lines, continues } of blocks) {
      const pieces = lines
        .join(" ")
        .replace(/\s+/g, " ")
        .split(INLINE_BULLET)
        .flatMap((item) => item.split(SENTENCE));
      for (const piece of continues ? pieces.slice(1) : pieces) {
        const sentence = piece.trim();
        if (!isQuotable(sentence)) continue;
        const terms = [...new Set(analyze(sentence))];
        // Two terms at least: the similarity divides by the sum of their logarithms.
        if (terms.length >= 2) found.push({ text: sentence, page, order: reading.order++, terms });
      }
    }
  }
  return found;
}

function isQuotable(sentence: string): boolean {
  return (
    sentence.length >= MIN_SENTENCE_CHARS &&
    sentence.length <= MAX_SENTENCE_CHARS &&
    SENTENCE_END.test(sentence) &&
    !DOT_LEADER.test(sentence) &&
    !INLINE_QUOTE.test(sentence) &&
    mostlyLetters(sentence, 0.6) &&
    codeShare(sentence) < MAX_CODE_SHARE
  );
}

/**
 * PageRank over the TextRank graph of the sentences: an edge weighs the terms two sentences share
 * over the sum of the logarithms of their term counts. Scores average 1.
 */
function centrality(sentences: Candidate[]): Float64Array {
  const count = sentences.length;
  const postings = new Map<string, number[]>();
  sentences.forEach(({ terms }, index) => {
    for (const term of terms) {
      const list = postings.get(term);
      if (list) list.push(index);
      else postings.set(term, [index]);
    }
  });
  const neighbours: number[][] = sentences.map(() => []);
  const weights: number[][] = sentences.map(() => []);
  const strength = new Float64Array(count);
  const shared = new Int32Array(count);
  for (let from = 0; from < count; from++) {
    const touched: number[] = [];
    for (const term of sentences[from].terms) {
      for (const to of postings.get(term) ?? []) {
        if (to <= from) continue;
        if (shared[to] === 0) touched.push(to);
        shared[to]++;
      }
    }
    for (const to of touched) {
      const weight =
        shared[to] / (Math.log(sentences[from].terms.length) + Math.log(sentences[to].terms.length));
      shared[to] = 0;
      neighbours[from].push(to);
      weights[from].push(weight);
      neighbours[to].push(from);
      weights[to].push(weight);
      strength[from] += weight;
      strength[to] += weight;
    }
  }
  let scores = new Float64Array(count).fill(1);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // A sentence sharing no term with another gives its score to all alike.
    let isolated = 0;
    for (let index = 0; index < count; index++) if (strength[index] === 0) isolated += scores[index];
    const next = new Float64Array(count);
    let change = 0;
    for (let index = 0; index < count; index++) {
      let incoming = isolated / count;
      const edges = neighbours[index];
      for (let edge = 0; edge < edges.length; edge++) {
        const from = edges[edge];
        incoming += (weights[index][edge] / strength[from]) * scores[from];
      }
      next[index] = 1 - DAMPING + DAMPING * incoming;
      change = Math.max(change, Math.abs(next[index] - scores[index]));
    }
    scores = next;
    if (change < TOLERANCE) break;
  }
  return scores;
}

/** Counts of each term over sentences (a term counted once a sentence), and their Euclidean norm. */
type TermCounts = { counts: Map<string, number>; norm: number };

function termCounts(sentences: Candidate[]): TermCounts {
  const counts = new Map<string, number>();
  for (const { terms } of sentences) for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  let squares = 0;
  for (const count of counts.values()) squares += count * count;
  return { counts, norm: Math.sqrt(squares) };
}

/** How like the whole document a unit is: the cosine of their term counts, times the log of its size. */
function unitWeight(sentences: Candidate[], document: TermCounts): number {
  const unit = termCounts(sentences);
  let dot = 0;
  for (const [term, count] of unit.counts) dot += count * (document.counts.get(term) ?? 0);
  return unit.norm === 0 ? 0 : (dot / (unit.norm * document.norm)) * Math.log(1 + sentences.length);
}

/** Equal consecutive parts of at most MAX_GRAPH_SENTENCES (none for no sentences). */
function parts(sentences: Candidate[]): Candidate[][] {
  const partCount = Math.ceil(sentences.length / MAX_GRAPH_SENTENCES);
  const size = Math.ceil(sentences.length / partCount);
  return Array.from({ length: partCount }, (_, part) => sentences.slice(part * size, (part + 1) * size));
}

/**
 * Up to perSection sentences a unit and maxSentences in all: each unit's best in turn, the units most
 * like the document first, then each one's second best, and so on, so that a cap keeps the most
 * sections. A sentence repeated word for word (boilerplate) is quoted once: the unit's next best stands in.
 */
function pick(units: RankedUnit[], perSection: number, maxSentences: number) {
  const byWeight = units
    .map((unit, position) => ({ unit, position }))
    .sort((a, b) => b.unit.weight - a.unit.weight || a.position - b.position)
    .map(({ unit }) => ({ unit, next: 0 }));
  const chosen: { sentence: Candidate; title: string | null }[] = [];
  const quoted = new Set<string>();
  for (let round = 0; round < perSection; round++) {
    for (const entry of byWeight) {
      if (chosen.length >= maxSentences) return chosen;
      let sentence = entry.unit.ranked[entry.next++];
      while (sentence && quoted.has(sentence.text)) sentence = entry.unit.ranked[entry.next++];
      if (!sentence) continue;
      quoted.add(sentence.text);
      chosen.push({ sentence, title: entry.unit.title });
    }
  }
  return chosen;
}

/**
 * An extractive summary: the most central sentences of each section (see summarySections) by
 * TextRank, quoted as they stand, in reading order, each with its page and section.
 */
export function extractiveSummary(
  pages: SummaryPage[],
  options: { sentencesPerSection?: number; maxSentences?: number } = {},
): ExtractiveSentence[] {
  const perSection = Math.max(0, Math.floor(options.sentencesPerSection ?? DEFAULT_SENTENCES_PER_SECTION));
  const maxSentences = Math.max(0, Math.floor(options.maxSentences ?? DEFAULT_MAX_SENTENCES));
  const repeated = repeatedLines(pages);
  const reading: Reading = { order: 0, lastLine: "", interrupted: true, inFence: false };
  const sections = summarySections(pages).map((section) => ({
    title: section.title,
    sentences: candidates(section, repeated, reading),
  }));
  const document = termCounts(sections.flatMap(({ sentences }) => sentences));
  const units: RankedUnit[] = sections
    .flatMap(({ title, sentences }) => parts(sentences).map((part) => ({ title, sentences: part })))
    .map(({ title, sentences }) => {
      const scores = centrality(sentences);
      const ranked = sentences
        .map((sentence, index) => ({ sentence, score: scores[index] }))
        .sort((a, b) => b.score - a.score || a.sentence.order - b.sentence.order)
        .map(({ sentence }) => sentence);
      return { title, ranked, weight: unitWeight(sentences, document) };
    });
  return pick(units, perSection, maxSentences)
    .sort((a, b) => a.sentence.order - b.sentence.order)
    .map(({ sentence, title }) => ({ text: sentence.text, page: sentence.page, section: title }));
}
