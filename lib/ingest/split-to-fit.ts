import { countTokens } from "@/lib/text/tokenizer";
import { hasRunLongerThan } from "@/lib/text/whitespace";

/** A piece of one block of text with its exact token count. */
export type Piece = {
  text: string;
  tokens: number;
  /** Continues the previous piece's run of non-whitespace, so it is rejoined without a space. */
  continuesRun: boolean;
  /** An arbitrary cut of a run, which may be cut again anywhere to fill a chunk. */
  divisible?: boolean;
};

/**
 * Longest run of non-whitespace handed to the tokenizer whole. Byte-pair merging is quadratic in the
 * length of one pre-token, and a run of letters, a base64 blob or a paragraph of Chinese is one:
 * 100,000 letters took 10 s to count and 10 MB never finished. Longer runs are cut first.
 */
const MAX_WORD_CHARS = 256;
/**
 * Size in UTF-8 bytes of the pieces a longer run is cut into: bytes, because 256 letters are about 170
 * tokens and 85 Chinese characters about 200. The chunker cuts the last piece again to fill a chunk.
 */
const RUN_PIECE_BYTES = 256;

const SENTENCE_END = /(?<=[.!?…]["'”’)\]]?)\s+(?=["'“‘([]?[\p{Lu}\p{N}])/u;
/** Preferred places to cut a long sentence or run that has no spaces. */
const CLAUSE_MARKS = new Set(["，", "、", "；", "：", ",", ";", ":"]);

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
// Combining marks (variation selectors among them) and the zero-width joiner belong to the character before.
const JOINS_PREVIOUS = /^(?:\p{M}|\u200d)/u;

/** Whether text can be cut before position without splitting a character or detaching a mark or joiner. */
function isCharBoundary(text: string, position: number): boolean {
  if (position <= 0 || position >= text.length) return true;
  if (isLowSurrogate(text.charCodeAt(position))) return false;
  return text[position - 1] !== "\u200d" && !JOINS_PREVIOUS.test(text.slice(position, position + 2));
}

/** UTF-8 length of the character whose first code unit is code (a surrogate pair counts 2 + 2). */
const utf8Bytes = (code: number) =>
  code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;

/**
 * Where a piece of at most maxBytes starting at start ends: after a clause mark in its second half,
 * else at a character boundary.
 */
function pieceEnd(text: string, start: number, maxBytes: number): number {
  let limit = start;
  for (let bytes = 0; limit < text.length; limit++) {
    bytes += utf8Bytes(text.charCodeAt(limit));
    if (bytes > maxBytes) break;
  }
  if (limit >= text.length) return text.length;
  if (limit === start) limit = start + 1;
  const half = start + (limit - start) / 2;
  for (let end = limit; end > half; end--) {
    if (CLAUSE_MARKS.has(text[end - 1]) && isCharBoundary(text, end)) return end;
  }
  for (let end = limit; end > start; end--) if (isCharBoundary(text, end)) return end;
  // A window of nothing but combining marks: cut through them, though never inside a surrogate pair.
  return isLowSurrogate(text.charCodeAt(limit)) ? limit + 1 : limit;
}

/** The run cut after each Chinese or Japanese sentence end and the closing quotes after it. */
function* cjkSentences(run: string): Generator<string> {
  const sentenceEnd = /[。！？｡][。！？｡」』）”’》〉】]*/g;
  let start = 0;
  for (let match = sentenceEnd.exec(run); match; match = sentenceEnd.exec(run)) {
    const end = match.index + match[0].length;
    if (end < run.length) {
      yield run.slice(start, end);
      start = end;
    }
  }
  if (start < run.length) yield run.slice(start);
}

/**
 * Cuts a run without whitespace (a long word, a base64 blob, a paragraph of Chinese) into pieces of
 * at most maxTokens: at sentence ends where the script has them, else every RUN_PIECE_BYTES.
 */
function splitRun(run: string, maxTokens: number): Piece[] {
  const pieces: Piece[] = [];
  const add = (text: string, tokens: number, divisible?: boolean) =>
    pieces.push({ text, tokens, continuesRun: pieces.length > 0, divisible });
  for (const sentence of cjkSentences(run)) {
    if (sentence.length <= MAX_WORD_CHARS) {
      const tokens = countTokens(sentence);
      if (tokens <= maxTokens) {
        add(sentence, tokens);
        continue;
      }
    }
    let start = 0;
    while (start < sentence.length) {
      let maxBytes = RUN_PIECE_BYTES;
      let end = pieceEnd(sentence, start, maxBytes);
      let tokens = countTokens(sentence.slice(start, end));
      // Only for budgets of a few dozen tokens: 256 bytes can be 256 tokens.
      while (tokens > maxTokens && maxBytes > 1) {
        maxBytes = Math.floor(maxBytes / 2);
        end = pieceEnd(sentence, start, maxBytes);
        tokens = countTokens(sentence.slice(start, end));
      }
      add(sentence.slice(start, end), tokens, true);
      start = end;
    }
  }
  return pieces;
}

/** Adds items one by one: a run of 10 MB is 80,000 pieces, too many to spread into push(). */
function append(pieces: Piece[], items: Piece[]): void {
  for (const item of items) pieces.push(item);
}

/** Words joined into pieces of at most maxTokens, each counted exactly. */
function joinWords(words: string[], maxTokens: number): Piece[] {
  const pieces: Piece[] = [];
  let rest = words;
  while (rest.length > 0) {
    let count = rest.length;
    let text = rest.join(" ");
    let tokens = countTokens(text);
    // A piece's first word has no space before it and can count differently from the estimate.
    while (tokens > maxTokens && count > 1) {
      count--;
      text = rest.slice(0, count).join(" ");
      tokens = countTokens(text);
    }
    if (tokens <= maxTokens) pieces.push({ text, tokens, continuesRun: false });
    else append(pieces, splitRun(text, maxTokens));
    rest = rest.slice(count);
  }
  return pieces;
}

function splitWords(text: string, maxTokens: number): Piece[] {
  const pieces: Piece[] = [];
  let words: string[] = [];
  let estimate = 0;
  const flush = () => {
    append(pieces, joinWords(words, maxTokens));
    words = [];
    estimate = 0;
  };
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    // A leading space is how cl100k_base sees a word inside running text.
    const wordTokens = word.length <= MAX_WORD_CHARS ? countTokens(` ${word}`) : Number.POSITIVE_INFINITY;
    if (wordTokens > maxTokens) {
      flush();
      append(pieces, splitRun(word, maxTokens));
    } else {
      if (estimate + wordTokens > maxTokens) flush();
      words.push(word);
      estimate += wordTokens;
    }
  }
  flush();
  return pieces;
}

/**
 * Splits text longer than maxTokens into sentences, then whitespace-separated word runs, then pieces
 * of runs too long for one. Text with an over-long run is never counted whole.
 */
export function splitToFit(text: string, maxTokens: number): Piece[] {
  if (!hasRunLongerThan(text, MAX_WORD_CHARS)) {
    const tokens = countTokens(text);
    if (tokens <= maxTokens) return [{ text, tokens, continuesRun: false }];
  }
  const sentences = text.split(SENTENCE_END);
  if (sentences.length > 1) return sentences.flatMap((sentence) => splitToFit(sentence, maxTokens));
  return splitWords(text, maxTokens);
}

/**
 * A start (or an end) of a text without spaces that fits in maxTokens, as long as a proportional
 * guess allows: one or two counts, where halving took eight.
 */
function fittingSlice(piece: Piece, maxTokens: number, fromEnd: boolean): { text: string; tokens: number } {
  const { text } = piece;
  const sliceOf = (length: number) => (fromEnd ? text.slice(text.length - length) : text.slice(0, length));
  let length = text.length;
  let tokens = piece.tokens;
  while (tokens > maxTokens && length > 0) {
    length = Math.max(0, Math.min(length - 1, Math.floor((length * maxTokens) / tokens)));
    while (length > 0 && !isCharBoundary(text, fromEnd ? text.length - length : length)) length--;
    tokens = countTokens(sliceOf(length));
  }
  return { text: sliceOf(length), tokens };
}

/** The longest start of a text without spaces that fits in maxTokens, about. */
export function leadingChars(piece: Piece, maxTokens: number): { text: string; tokens: number } {
  return fittingSlice(piece, maxTokens, false);
}

/**
 * The last words of text that fit in maxTokens; for text without spaces (Chinese, a piece of a run)
 * its last characters. Text is one piece, so it holds no run longer than MAX_WORD_CHARS.
 */
export function trailingText(piece: Piece, maxTokens: number): { text: string; tokens: number } {
  const words = piece.text.split(/\s+/);
  if (words.length === 1) return fittingSlice(piece, maxTokens, true);
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
