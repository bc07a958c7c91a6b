// DBRX uses GPT-4's cl100k_base vocabulary; every token count in the app goes through this module.
import {
  countTokens as countCl100kTokens,
  decode,
  encode as encodeCl100k,
  setMergeCacheSize,
} from "gpt-tokenizer/encoding/cl100k_base";
import { hasRunLongerThan } from "./whitespace";

export const TOKENIZER_NAME = "cl100k_base";

// The library keeps the tokens of its last 100,000 pre-tokens. In text without spaces each is a piece
// of a few hundred bytes with its token array: one 10 MB line of random letters left 170 MB held in
// the worker. 10,000 entries bound that to a tenth, and count the flex manual as fast.
setMergeCacheSize(10_000);

// Documents and questions are data: "<|endoftext|>" in them is text, not a control token. By default
// the library throws on it, which made any document quoting a special token impossible to index.
const asPlainText = { disallowedSpecial: new Set<string>() };

/** Runs of non-space characters longer than this are counted in pieces of this length. */
const MAX_RUN = 256;
const LONG_RUN = new RegExp(`(\\S{${MAX_RUN + 1},})`);
const RUN_PIECE = new RegExp(`\\S{1,${MAX_RUN}}`, "g");

function countExactly(text: string): number {
  // Passing options costs the library a few microseconds a call; only text that could hold one needs them.
  return text.includes("<|") ? countCl100kTokens(text, asPlainText) : countCl100kTokens(text);
}

/**
 * Counts cl100k_base tokens: exactly, except inside runs of more than 256 non-space characters (a
 * base64 blob, a DNA sequence, a pasted log line), which are counted piece by piece, a few tokens
 * over the exact count. Byte-pair merging is quadratic in the length of one run (100,000 letters
 * take about 10 s), so a chat question or a document can never stall the server on one. The
 * chunker bounds runs itself, so its counts are exact.
 */
export function countTokens(text: string): number {
  if (!hasRunLongerThan(text, MAX_RUN)) return countExactly(text);
  let total = 0;
  for (const [n, part] of text.split(LONG_RUN).entries()) {
    // split() with a capture group puts the long runs at the odd positions.
    if (n % 2 === 0) total += part ? countExactly(part) : 0;
    else for (const piece of part.match(RUN_PIECE) ?? []) total += countExactly(piece);
  }
  return total;
}

export function encode(text: string): number[] {
  return text.includes("<|") ? encodeCl100k(text, asPlainText) : encodeCl100k(text);
}

export { decode };
