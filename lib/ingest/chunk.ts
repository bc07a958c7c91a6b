import { countTokens } from "./tokenizer";

export type Chunk = {
  index: number;
  text: string;
  tokens: number;
  /** 1-based page the chunk starts on; null for formats without pages. */
  page: number | null;
  pageEnd: number | null;
};

export type ChunkOptions = { chunkTokens: number; overlapTokens: number };

/** A piece of text that is never split further unless it alone exceeds the chunk size. */
type Unit = {
  text: string;
  tokens: number;
  page: number | null;
  startsBlock: boolean;
  isHeading: boolean;
  /** Carried over from the previous chunk; a chunk of overlap alone is never emitted. */
  isOverlap?: boolean;
};

const HEADING = /^(#{1,6}\s+\S|(\d+(\.\d+)*\.?|[A-Z]\.|Chapter\s+\d+|Appendix\s+[A-Z])\s+[A-Z][^.!?]{0,80}$)/;
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]?)\s+(?=["'“‘([]?[\p{Lu}\p{N}])/u;

/** Joins PDF line breaks inside a paragraph and removes hyphenation at line ends. */
function normalizeBlock(block: string): string {
  return block
    .replace(/(\p{Ll})-\n(\p{Ll})/gu, "$1$2")
    .replace(/[ \t]*\n[ \t]*/g, " ")
    .replace(/[ \t\u00a0]+/g, " ")
    .trim();
}

/** Splits a page of text into blocks at blank lines and headings, keeping headings as their own blocks. */
function splitBlocks(text: string): { text: string; isHeading: boolean }[] {
  const blocks: { text: string; isHeading: boolean }[] = [];
  for (const rawBlock of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
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
        blocks.push({ text: trimmed, isHeading: true });
      } else {
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/** Splits text longer than maxTokens into sentences, then whitespace-separated word runs. */
function splitToFit(text: string, maxTokens: number): { text: string; tokens: number }[] {
  const tokens = countTokens(text);
  if (tokens <= maxTokens) return [{ text, tokens }];
  const sentences = text.split(SENTENCE_END);
  if (sentences.length > 1) return sentences.flatMap((sentence) => splitToFit(sentence, maxTokens));
  return splitWords(text, maxTokens);
}

function splitWords(text: string, maxTokens: number): { text: string; tokens: number }[] {
  const pieces: { text: string; tokens: number }[] = [];
  let current: string[] = [];
  let currentTokens = 0;
  for (const word of text.split(/\s+/)) {
    // A leading space is how cl100k_base sees a word inside running text.
    const wordTokens = countTokens(` ${word}`);
    if (currentTokens + wordTokens > maxTokens && current.length > 0) {
      pieces.push({ text: current.join(" "), tokens: currentTokens });
      current = [];
      currentTokens = 0;
    }
    current.push(word);
    currentTokens += wordTokens;
  }
  if (current.length > 0) pieces.push({ text: current.join(" "), tokens: currentTokens });
  return pieces;
}

/** The last words of text that fit in maxTokens. */
function trailingWords(text: string, maxTokens: number): { text: string; tokens: number } {
  const words = text.split(/\s+/);
  let tokens = 0;
  let start = words.length;
  while (start > 0) {
    const wordTokens = countTokens(` ${words[start - 1]}`);
    if (tokens + wordTokens > maxTokens) break;
    tokens += wordTokens;
    start--;
  }
  return { text: words.slice(start).join(" "), tokens };
}

/**
 * Token-aware chunker fed page by page. Chunks are about `chunkTokens` cl100k_base tokens, cut at
 * headings, then paragraphs, then sentences, then between words, and each chunk starts with about
 * `overlapTokens` of the previous one's closing text.
 */
export class Chunker {
  private readonly options: ChunkOptions;
  private pending: Unit[] = [];
  private pendingTokens = 0;
  private nextIndex = 0;

  /** Chunks emitted so far. */
  get chunkCount(): number {
    return this.nextIndex;
  }

  constructor(options: ChunkOptions) {
    this.options = options;
  }

  /** Adds a page (or a whole document when page is null) and returns the chunks completed by it. */
  push(text: string, page: number | null): Chunk[] {
    const completed: Chunk[] = [];
    for (const block of splitBlocks(text)) {
      const pieces = splitToFit(block.text, this.options.chunkTokens - this.options.overlapTokens);
      pieces.forEach((piece, position) => {
        const unit: Unit = {
          ...piece,
          page,
          startsBlock: position === 0,
          isHeading: block.isHeading,
        };
        completed.push(...this.add(unit));
      });
    }
    return completed;
  }

  /** Returns the last, partly filled chunk. */
  flush(): Chunk[] {
    const hasNewText = this.pending.some((unit) => !unit.isOverlap);
    const last = hasNewText ? [this.emit()] : [];
    this.pending = [];
    this.pendingTokens = 0;
    return last;
  }

  private add(unit: Unit): Chunk[] {
    const { chunkTokens } = this.options;
    const completed: Chunk[] = [];
    const hasNewText = this.pending.some((pendingUnit) => !pendingUnit.isOverlap);
    // Prefer to start a new chunk at a heading once the current one is reasonably full.
    const headingBreak = unit.isHeading && this.pendingTokens >= chunkTokens / 2;
    if (hasNewText && (this.pendingTokens + unit.tokens > chunkTokens || headingBreak)) {
      completed.push(this.emit());
      // A new section needs no overlap with the previous one.
      this.pending = headingBreak ? [] : this.overlapTail();
      this.pendingTokens = this.pending.reduce((sum, pendingUnit) => sum + pendingUnit.tokens, 0);
    }
    this.pending.push(unit);
    this.pendingTokens += unit.tokens;
    return completed;
  }

  private emit(): Chunk {
    const units = this.pending;
    const text = units
      .map((unit, position) => (position === 0 ? "" : unit.startsBlock ? "\n\n" : " ") + unit.text)
      .join("");
    const pages = units.map((unit) => unit.page).filter((page): page is number => page !== null);
    return {
      index: this.nextIndex++,
      text,
      tokens: this.pendingTokens,
      page: pages.length > 0 ? pages[0] : null,
      pageEnd: pages.length > 0 ? pages[pages.length - 1] : null,
    };
  }

  /** The closing sentences of the pending chunk, up to overlapTokens, marked so they never form a chunk alone. */
  private overlapTail(): Unit[] {
    const { overlapTokens } = this.options;
    const tail: Unit[] = [];
    let tokens = 0;
    for (let position = this.pending.length - 1; position >= 0; position--) {
      const unit = this.pending[position];
      if (tokens + unit.tokens > overlapTokens) {
        if (tail.length === 0 && overlapTokens > 0) {
          const closing = trailingWords(unit.text, overlapTokens);
          if (closing.tokens > 0) {
            tail.unshift({ ...unit, ...closing, startsBlock: true, isHeading: false, isOverlap: true });
          }
        }
        break;
      }
      tail.unshift({ ...unit, isOverlap: true });
      tokens += unit.tokens;
    }
    return tail;
  }
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
