import { describe, expect, it } from "vitest";
import { countTokens, decode, encode } from "./tokenizer";

describe("tokenizer", () => {
  it("counts cl100k_base tokens", () => {
    expect(countTokens("hello world")).toBe(2);
    expect(encode("hello world")).toEqual([15339, 1917]);
  });

  it("reads special-token markers in a document as plain text", () => {
    const text = "A prompt ends with <|endoftext|> and <|fim_prefix|> is another marker.";
    expect(countTokens(text)).toBeGreaterThan(10);
    expect(encode(text)).not.toContain(100257);
    expect(decode(encode(text))).toBe(text);
    expect(countTokens(text)).toBe(encode(text).length);
  });

  it("counts a text with a run of 300,000 letters (a pasted blob in a question) without stalling, near the exact count", () => {
    const letters = "ACGT".repeat(75_000);
    const count = countTokens(`Which gene is this? ${letters}`);
    // Piecewise counting adds at most a few tokens per 256 letters over the exact count.
    expect(count).toBeGreaterThan(letters.length / 8);
    expect(count).toBeLessThan(letters.length);
    const moderate = "x9Qz".repeat(500);
    const exact = encode(moderate).length;
    expect(countTokens(moderate)).toBeGreaterThanOrEqual(exact);
    expect(countTokens(moderate)).toBeLessThanOrEqual(exact + 2 * Math.ceil(moderate.length / 256));
  });
});
