import { describe, expect, it } from "vitest";
import { selectPassages } from "./select-passages";
import type { RetrievedChunk } from "./types";

let nextId = 0;
function chunk(text: string, score: number, extra: Partial<RetrievedChunk> = {}): RetrievedChunk {
  return {
    id: `c${nextId++}`,
    documentId: "doc",
    documentName: "doc.pdf",
    page: 1,
    pageEnd: 1,
    chunkIndex: nextId * 10,
    section: "",
    text,
    score,
    ...extra,
  };
}

const options = { topK: 3, relativeThreshold: 0.3, minScore: null };

describe("selectPassages", () => {
  it("drops passages far below the best score", () => {
    const picked = selectPassages(
      [chunk("alpha beta gamma", 10), chunk("delta epsilon", 5), chunk("zeta eta", 2)],
      options,
    );
    expect(picked.map((passage) => passage.text)).toEqual(["alpha beta gamma", "delta epsilon"]);
  });

  it("applies an absolute floor for similarity scores", () => {
    const picked = selectPassages([chunk("alpha", 0.35), chunk("beta", 0.15)], { ...options, minScore: 0.2 });
    expect(picked.map((passage) => passage.text)).toEqual(["alpha"]);
  });

  it("prefers a different passage over a near-copy of the best one (MMR)", () => {
    const base = "the input buffer is sixteen kilobytes and grows when a token does not fit in it";
    const picked = selectPassages(
      [
        chunk(base, 10),
        chunk(`${base} anymore`, 9.8),
        chunk("yywrap is called at the end of the input file", 8),
      ],
      { ...options, topK: 2 },
    );
    expect(picked.map((passage) => passage.text)).toEqual([
      base,
      "yywrap is called at the end of the input file",
    ]);
  });

  it("keeps one copy of a passage that two documents share", () => {
    const text = "Ratfor was the original language of the scanner generator before it was rewritten in C";
    const picked = selectPassages(
      [
        chunk(text, 10, { documentId: "a" }),
        chunk(text, 9.9, { documentId: "b" }),
        chunk("other material entirely", 6),
      ],
      options,
    );
    expect(picked.map((passage) => passage.documentId)).toEqual(["a", "doc"]);
  });

  it("merges consecutive chunks of a document into one passage without repeating the overlap", () => {
    const first = chunk("Part one explains the setup. The overlap sentence closes it.", 9, {
      chunkIndex: 4,
      page: 3,
      pageEnd: 3,
    });
    const second = chunk("The overlap sentence closes it. Part two continues the setup.", 8, {
      chunkIndex: 5,
      page: 3,
      pageEnd: 4,
    });
    const [passage, ...rest] = selectPassages([first, second], options);
    expect(rest).toEqual([]);
    expect(passage).toMatchObject({
      text: "Part one explains the setup. The overlap sentence closes it. Part two continues the setup.",
      page: 3,
      pageEnd: 4,
      chunkIndexes: [4, 5],
      score: 9,
    });
  });

  it("returns nothing for nothing", () => {
    expect(selectPassages([], options)).toEqual([]);
  });
});
