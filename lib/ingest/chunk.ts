import { countTokens } from "@/lib/text/tokenizer";
import { leadingChars, type Piece, splitToFit, trailingText } from "./split-to-fit";

export type Chunk = {
  index: number;
  text: string;
  /** cl100k_base tokens of text, counted exactly; never more than the chunk size. */
  tokens: number;
  /** 1-based page the chunk starts on; null for formats without pages. */
  page: number | null;
  pageEnd: number | null;
  /** The headings above the chunk's text, outermost first ("3 Format > 3.2 Rules"); "" before any. */
  section: string;
};

export type ChunkOptions = { chunkTokens: number; overlapTokens: number };

/** A piece of text placed whole in a chunk; only a piece of a long run may be cut again, to fill one. */
type Unit = Piece & {
  page: number | null;
  startsBlock: boolean;
  isHeading: boolean;
  /** Carried over from the previous chunk; a chunk of overlap alone is never emitted. */
  isOverlap?: boolean;
  /** The section path in force where the unit stands (a heading's own included). */
  section: string;
  /** A row of a Markdown table: joined to the row before by a line break. */
  table?: TableRow;
};

/** Where a unit stands in a Markdown table, and the table's header to repeat when it is split. */
type TableRow = { row: number; header: string[] };

/**
 * Most characters of one run without whitespace a chunk holds. Counting a chunk's tokens is quadratic
 * in its longest run, and a run of one repeated character can hold 64 characters a token.
 */
const MAX_RUN_CHARS = 2048;
/** Most characters of overlap, so that a run's overlap leaves room for new text under MAX_RUN_CHARS. */
const MAX_OVERLAP_CHARS = MAX_RUN_CHARS / 4;

const HEADING = /^(#{1,6}\s+\S|(\d+(\.\d+)*\.?|[A-Z]\.|Chapter\s+\d+|Appendix\s+[A-Z])\s+[A-Z][^.!?]{0,80}$)/;

/** Most characters of one heading kept in a section path. */
const MAX_HEADING_CHARS = 80;
/** Most headings in a section path: deeper ones add little context and cost tokens in every chunk. */
const MAX_SECTION_DEPTH = 4;
/**
 * A section title is short: a longer "heading" is a numbered list item, and a top-level number
 * above this is a page number in a running header ("196 Autoconf"), not a chapter.
 */
const MAX_SECTION_TITLE_WORDS = 8;
const MAX_CHAPTER_NUMBER = 40;

/** Nesting depth of a heading line: `##` is 2, "3.2.1 Title" is 3, a chapter or appendix is 1. */
function headingLevel(heading: string): number {
  const hashes = /^(#{1,6})\s/.exec(heading);
  if (hashes) return hashes[1].length;
  const numbered = /^(\d+(?:\.\d+)*)\.?\s/.exec(heading);
  if (numbered) return numbered[1].split(".").length;
  return 1;
}

/** Joins PDF line breaks inside a paragraph and removes hyphenation at line ends. */
function normalizeBlock(block: string): string {
  return (
    block
      .replace(/(\p{Ll})-\n(\p{Ll})/gu, "$1$2")
      // One pass over each run of whitespace: `[ \t]*\n[ \t]*` backtracked quadratically on long runs of spaces.
      .replace(/\s{2,}|[\t\n\u00a0]/g, " ")
      .trim()
  );
}

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/;

/** A block of Markdown table rows (a header row, its separator, then the rows), or null. */
function tableRows(block: string): string[] | null {
  const lines = block.split("\n").filter((line) => line.trim());
  if (lines.length < 2 || !TABLE_SEPARATOR.test(lines[1]) || !lines.every((line) => TABLE_ROW.test(line)))
    return null;
  return lines.map((line) => line.trim().replace(/\s{2,}/g, " "));
}

type Block = { text: string; isHeading: boolean; table?: TableRow };

/**
 * Splits a page of text into blocks at blank lines and headings, keeping headings as their own
 * blocks, and a Markdown table as one block a row, each with the table's header.
 */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const rawBlock of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const rows = tableRows(rawBlock);
    if (rows) {
      const header = rows.slice(0, 2);
      rows.forEach((row, n) => {
        blocks.push({ text: row, isHeading: false, table: { row: n, header } });
      });
      continue;
    }
    let paragraph: string[] = [];
    const flush = () => {
      const joined = normalizeBlock(paragraph.join("\n"));
      if (joined) blocks.push({ text: joined, isHeading: false });
      paragraph = [];
    };
    for (const line of rawBlock.split("\n")) {
      const trimmed = line.trim();
      if (trimmed && HEADING.test(trimmed)) {
        flush();
        blocks.push({ text: normalizeBlock(trimmed), isHeading: true });
      } else {
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/** The text of units as they read in the document: blocks apart, words spaced, pieces of a run rejoined. */
function joinUnits(units: Unit[]): string {
  return units
    .map((unit, position) => {
      if (position === 0 || unit.continuesRun) return unit.text;
      return (unit.startsBlock ? (startsRow(unit) ? "\n" : "\n\n") : " ") + unit.text;
    })
    .join("");
}

/** A table row after the table's first: one line break from the row above, not a blank line. */
function startsRow(unit: Unit): boolean {
  return unit.table !== undefined && unit.table.row > 0;
}

/** Tokens a unit adds after others: a blank line between blocks is a token of its own. */
function joiningTokens(unit: Unit): number {
  return unit.tokens + (unit.startsBlock && !unit.continuesRun ? 1 : 0);
}

/** Characters of the run of pieces the units end with (the last unit alone when it ends no run). */
function trailingRunChars(units: Unit[]): number {
  let chars = 0;
  for (let position = units.length - 1; position >= 0; position--) {
    chars += units[position].text.length;
    if (!units[position].continuesRun) break;
  }
  return chars;
}

/**
 * Token-aware chunker fed page by page. Chunks are at most `chunkTokens` cl100k_base tokens, cut at
 * headings, then paragraphs, then sentences, then between words (and inside runs without spaces), and
 * each chunk starts with about `overlapTokens` of the previous one's closing text. Work is linear in
 * the input: no run of more than a few hundred characters reaches the tokenizer in one piece.
 */
export class Chunker {
  private readonly options: ChunkOptions;
  private pending: Unit[] = [];
  private pendingTokens = 0;
  private pendingRunChars = 0;
  private nextIndex = 0;
  /** The open headings, outermost first. */
  private headings: { level: number; text: string }[] = [];
  private section = "";
  private readonly seenHeadings = new Set<string>();

  /** Chunks emitted so far. */
  get chunkCount(): number {
    return this.nextIndex;
  }

  constructor(options: ChunkOptions) {
    // One character is at most 4 bytes, so at most 4 tokens: any smaller room could not be kept to.
    if (options.chunkTokens - options.overlapTokens < 4) {
      throw new RangeError("chunkTokens must exceed overlapTokens by at least 4 tokens");
    }
    this.options = options;
  }

  /** Adds a page (or a whole document when page is null) and returns the chunks completed by it. */
  push(text: string, page: number | null): Chunk[] {
    const completed: Chunk[] = [];
    const maxPieceTokens = this.options.chunkTokens - this.options.overlapTokens;
    for (const block of splitBlocks(text)) {
      splitToFit(block.text, maxPieceTokens).forEach((piece, position) => {
        // Only the start of a heading opens a section; the rest of an over-long one is running text.
        const isHeading = block.isHeading && position === 0;
        if (isHeading) this.openSection(block.text);
        const unit: Unit = {
          ...piece,
          page,
          startsBlock: position === 0,
          isHeading,
          section: this.section,
          ...(block.table && { table: block.table }),
        };
        completed.push(...this.add(unit));
      });
    }
    return completed;
  }

  private openSection(heading: string) {
    const level = headingLevel(heading);
    const text = heading.replace(/^#{1,6}\s+/, "").slice(0, MAX_HEADING_CHARS);
    const number = /^(\d+)\.?\s/.exec(text);
    if (text.split(/\s+/).length > MAX_SECTION_TITLE_WORDS) return;
    if (number && level === 1 && Number(number[1]) > MAX_CHAPTER_NUMBER) return;
    // A running header repeats page after page; a real heading opens its section once.
    const title = text.replace(/^[\d.\s]+/, "");
    if (this.seenHeadings.has(title)) return;
    this.seenHeadings.add(title);
    this.headings = [...this.headings.filter((open) => open.level < level), { level, text }];
    this.section = this.headings
      .slice(-MAX_SECTION_DEPTH)
      .map((open) => open.text)
      .join(" > ");
  }

  /** Returns the last, partly filled chunk (or more than one, when the text left counts over the size joined). */
  flush(): Chunk[] {
    const completed: Chunk[] = [];
    while (this.hasNewText()) completed.push(this.cut(false));
    this.pending = [];
    this.pendingTokens = 0;
    this.pendingRunChars = 0;
    return completed;
  }

  /** Whether a unit besides overlap is pending; overlap only ever comes first. */
  private hasNewText(): boolean {
    return this.pending.length > 0 && !this.pending[this.pending.length - 1].isOverlap;
  }

  private add(unit: Unit): Chunk[] {
    const { chunkTokens, overlapTokens } = this.options;
    const completed: Chunk[] = [];
    let next = unit;
    while (this.hasNewText()) {
      // Prefer to start a new chunk at a heading once the current one is reasonably full.
      const headingBreak = next.isHeading && this.pendingTokens >= chunkTokens / 2;
      const runTooLong = next.continuesRun && this.pendingRunChars + next.text.length > MAX_RUN_CHARS;
      if (this.pendingTokens + joiningTokens(next) <= chunkTokens && !headingBreak && !runTooLong) break;
      if (next.divisible && !runTooLong) {
        // A piece of a long run is cut again where the chunk is full, so that runs fill their chunks.
        const head = leadingChars(
          next,
          chunkTokens - this.pendingTokens - (joiningTokens(next) - next.tokens),
        );
        const rest = next.text.slice(head.text.length);
        const restTokens = countTokens(rest);
        // Every unit must fit a chunk alone, after overlap; the end of a piece can count more than the whole.
        if (head.text && rest && restTokens <= chunkTokens - overlapTokens) {
          this.append({ ...next, ...head });
          next = { ...next, text: rest, tokens: restTokens, continuesRun: true, startsBlock: false };
        }
      }
      // A new section needs no overlap with the previous one; a table that goes on starts again
      // with its header instead.
      completed.push(this.cut(headingBreak, next));
    }
    this.append(next);
    return completed;
  }

  private append(unit: Unit): void {
    this.pendingTokens += this.pending.length > 0 ? joiningTokens(unit) : unit.tokens;
    this.pending.push(unit);
    this.pendingRunChars = unit.continuesRun ? this.pendingRunChars + unit.text.length : unit.text.length;
  }

  /**
   * Emits the pending units as a chunk. Units count a little differently once joined, so the chunk is
   * counted exactly and trailing units that do not fit stay pending, after the new overlap.
   */
  private cut(withoutOverlap: boolean, next?: Unit): Chunk {
    const { chunkTokens } = this.options;
    const units = this.pending;
    let first = 0;
    let end = units.length;
    let text = joinUnits(units);
    let tokens = countTokens(text);
    const newUnits = () => units.slice(first, end).filter((unit) => !unit.isOverlap).length;
    while (tokens > chunkTokens && newUnits() > 1) {
      end--;
      text = joinUnits(units.slice(first, end));
      tokens = countTokens(text);
    }
    // One new unit always fits alone: its count is exact and below the chunk size.
    while (tokens > chunkTokens && units[first].isOverlap) {
      first++;
      text = joinUnits(units.slice(first, end));
      tokens = countTokens(text);
    }
    const emitted = units.slice(first, end);
    const left = units.slice(end);
    const header = tableHeader([...left, ...(next ? [next] : [])], emitted);
    this.pending = [...(header ?? (withoutOverlap ? [] : this.overlapTail(emitted))), ...left];
    this.pendingTokens = this.pending.reduce(
      (sum, unit, position) => sum + (position > 0 ? joiningTokens(unit) : unit.tokens),
      0,
    );
    this.pendingRunChars = trailingRunChars(this.pending);
    const pages = emitted.map((unit) => unit.page).filter((page): page is number => page !== null);
    const firstNew = emitted.find((unit) => !unit.isOverlap) ?? emitted[0];
    return {
      index: this.nextIndex++,
      text,
      tokens,
      page: pages.length > 0 ? pages[0] : null,
      pageEnd: pages.length > 0 ? pages[pages.length - 1] : null,
      section: firstNew?.section ?? "",
    };
  }

  /** The closing sentences of the emitted units, up to overlapTokens, marked so they never form a chunk alone. */
  // (A table split across chunks carries its header instead: see tableHeader.)
  private overlapTail(emitted: Unit[]): Unit[] {
    const { overlapTokens } = this.options;
    const tail: Unit[] = [];
    let tokens = 0;
    let chars = 0;
    for (let position = emitted.length - 1; position >= 0; position--) {
      const unit = emitted[position];
      if (tokens + unit.tokens > overlapTokens || chars + unit.text.length > MAX_OVERLAP_CHARS) {
        if (tail.length === 0 && overlapTokens > 0) {
          const closing = trailingText(unit, overlapTokens);
          if (closing.tokens > 0 && closing.text.length <= MAX_OVERLAP_CHARS) {
            tail.unshift({ ...unit, ...closing, startsBlock: true, isHeading: false, isOverlap: true });
          }
        }
        break;
      }
      tail.unshift({ ...unit, isOverlap: true });
      tokens += unit.tokens;
      chars += unit.text.length;
    }
    return tail;
  }
}

/**
 * When the units still to place continue a table whose rows were just emitted, past its header, the
 * header rows as units to begin the next chunk with (overlap: never a chunk alone); otherwise null.
 */
function tableHeader(coming: Unit[], emitted: Unit[]): Unit[] | null {
  const first = coming.find((unit) => !unit.continuesRun);
  const last = emitted[emitted.length - 1];
  if (!first?.table || first.table.row < 2 || last?.table?.header !== first.table.header) return null;
  return first.table.header.map((text, row) => ({
    text,
    tokens: countTokens(text),
    continuesRun: false,
    page: first.page,
    startsBlock: true,
    isHeading: false,
    isOverlap: true,
    section: first.section,
    table: { row, header: first.table?.header ?? [] },
  }));
}

/** Chunks a whole document given as pages (page numbers are 1-based) or as one text. */
export function chunkDocument(
  pages: { page: number | null; text: string }[],
  options: ChunkOptions,
): Chunk[] {
  const chunker = new Chunker(options);
  const chunks = pages.flatMap(({ page, text }) => chunker.push(text, page));
  return [...chunks, ...chunker.flush()];
}
