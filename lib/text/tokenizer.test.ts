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
});
