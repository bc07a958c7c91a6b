// DBRX uses GPT-4's cl100k_base vocabulary; every token count in the app goes through this module.
import {
  countTokens as countCl100kTokens,
  decode,
  encode as encodeCl100k,
  setMergeCacheSize,
} from "gpt-tokenizer/encoding/cl100k_base";

export const TOKENIZER_NAME = "cl100k_base";

// The library keeps the tokens of its last 100,000 pre-tokens. In text without spaces each is a piece
// of a few hundred bytes with its token array: one 10 MB line of random letters left 170 MB held in
// the worker. 10,000 entries bound that to a tenth, and count the flex manual as fast.
setMergeCacheSize(10_000);

// Documents and questions are data: "<|endoftext|>" in them is text, not a control token. By default
// the library throws on it, which made any document quoting a special token impossible to index.
const asPlainText = { disallowedSpecial: new Set<string>() };

/**
 * Counts cl100k_base tokens exactly. Byte-pair merging is quadratic in the length of one run of
 * letters (100,000 letters take about 10 s), so callers bound such runs first, as the chunker does.
 */
export function countTokens(text: string): number {
  // Passing options costs the library a few microseconds a call; only text that could hold one needs them.
  return text.includes("<|") ? countCl100kTokens(text, asPlainText) : countCl100kTokens(text);
}

export function encode(text: string): number[] {
  return text.includes("<|") ? encodeCl100k(text, asPlainText) : encodeCl100k(text);
}

export { decode };
