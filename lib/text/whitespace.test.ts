import { describe, expect, it } from "vitest";
import { hasRunLongerThan, isWhitespace } from "./whitespace";

describe("isWhitespace", () => {
  it("agrees with JavaScript's \\s on every UTF-16 code unit", () => {
    const disagreeing: number[] = [];
    for (let code = 0; code <= 0xffff; code++)
      if (isWhitespace(code) !== /\s/.test(String.fromCharCode(code))) disagreeing.push(code);
    expect(disagreeing).toEqual([]);
  });
});

describe("hasRunLongerThan", () => {
  it("finds a run only when it is longer than the limit, whatever space separates the runs", () => {
    expect(hasRunLongerThan(`${"a".repeat(256)} ${"b".repeat(256)}`, 256)).toBe(false);
    expect(hasRunLongerThan(`x\u3000${"a".repeat(257)}`, 256)).toBe(true);
    expect(hasRunLongerThan(`${"a".repeat(200)}\u00a0${"a".repeat(200)}`, 256)).toBe(false);
  });
});
