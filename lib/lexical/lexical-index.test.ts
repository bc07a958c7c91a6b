import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/text/analyze";
import { LexicalIndex } from "./lexical-index";
import { SegmentBuilder } from "./segment";

/** A deterministic pseudo-random generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = Array.from({ length: 400 }, (_, n) => `word${n.toString(36)}x`);

/** Chunks of 30–120 words drawn with a skew, as real text is: a few words everywhere, most rare. */
function corpus(documents: number, chunksEach: number, seed = 1): string[][] {
  const next = random(seed);
  return Array.from({ length: documents }, () =>
    Array.from({ length: chunksEach }, () =>
      Array.from(
        { length: 30 + Math.floor(next() * 90) },
        () => VOCABULARY[Math.floor(next() ** 2 * VOCABULARY.length)],
      ).join(" "),
    ),
  );
}

function indexOf(documents: string[][]): LexicalIndex {
  const index = new LexicalIndex();
  documents.forEach((chunks, d) => {
    const segment = new SegmentBuilder();
    chunks.forEach((text, n) => {
      segment.addText(n, text);
    });
    index.put(`doc-${d}`, 1, segment.build());
  });
  return index;
}

/** BM25 computed the plain way, chunk by chunk, to check the index against. */
function bruteForce(
  documents: string[][],
  query: string[],
  topK: number,
  weights: Map<string, number> = new Map(),
) {
  const chunks = documents.flatMap((texts, d) =>
    texts.map((text, n) => ({ documentId: `doc-${d}`, chunkIndex: n, terms: analyze(text) })),
  );
  const average = chunks.reduce((sum, chunk) => sum + chunk.terms.length, 0) / chunks.length;
  const idfs = new Map<string, number>();
  const idf = (term: string) => {
    if (!idfs.has(term)) {
      const frequency = chunks.filter((chunk) => chunk.terms.includes(term)).length;
      idfs.set(term, Math.log(1 + (chunks.length - frequency + 0.5) / (frequency + 0.5)));
    }
    return idfs.get(term) as number;
  };
  return chunks
    .map((chunk) => {
      let score = 0;
      for (const term of new Set(query)) {
        const count = chunk.terms.filter((t) => t === term).length;
        if (count === 0) continue;
        score +=
          ((weights.get(term) ?? 1) * idf(term) * count * 2.2) /
          (count + 1.2 * (1 - 0.75 + (0.75 * chunk.terms.length) / average));
      }
      return { documentId: chunk.documentId, chunkIndex: chunk.chunkIndex, score };
    })
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, topK);
}

describe("LexicalIndex", () => {
  it("finds a word that one chunk alone holds first, among 6,000 chunks of common words", () => {
    const documents = corpus(30, 200);
    // The needle sits in an ordinary chunk of document 17, among words that are everywhere.
    documents[17][123] = `${documents[17][123]} ROWBACKGROUNDS ${documents[17][123]}`;
    const index = indexOf(documents);
    expect(index.chunkCount).toBe(6000);
    for (const query of [
      "ROWBACKGROUNDS",
      `rowbackgrounds ${VOCABULARY[0]} ${VOCABULARY[1]} ${VOCABULARY[2]}`,
    ]) {
      const [first] = index.search(
        analyze(query).map((term) => ({ term, weight: 1 })),
        { topK: 5, documentIds: null },
      );
      expect(first).toMatchObject({ documentId: "doc-17", chunkIndex: 123 });
    }
  });

  it("scores exactly what BM25 gives, and ranks the same top 10", () => {
    const documents = corpus(8, 60, 7);
    const index = indexOf(documents);
    const next = random(99);
    for (let trial = 0; trial < 20; trial++) {
      const query = Array.from(
        { length: 1 + Math.floor(next() * 5) },
        () => VOCABULARY[Math.floor(next() * VOCABULARY.length)],
      ).flatMap((word) => analyze(word));
      const expected = bruteForce(documents, query, 10);
      const found = index.search(
        query.map((term) => ({ term, weight: 1 })),
        { topK: 10, documentIds: null },
      );
      expect(found.map((hit) => hit.score)).toEqual(expected.map((hit) => expect.closeTo(hit.score, 9)));
    }
  });

  it("stays exact with long weighted queries over many documents, where rare terms decide the top", () => {
    // Many segments, so that the k-th best score is known early and the common terms are skipped
    // for chunks only they would score (MaxScore); synonyms weigh 0.3, as query expansion gives them.
    const documents = corpus(40, 50, 11);
    const index = indexOf(documents);
    const next = random(7);
    for (let trial = 0; trial < 30; trial++) {
      const words = Array.from(
        { length: 2 + Math.floor(next() * 12) },
        () => VOCABULARY[Math.floor(next() * VOCABULARY.length)],
      );
      const weights = new Map<string, number>();
      for (const [n, word] of words.entries())
        for (const term of analyze(word)) if (!weights.has(term)) weights.set(term, n % 3 === 2 ? 0.3 : 1);
      const topK = 1 + (trial % 6);
      const expected = bruteForce(documents, [...weights.keys()], topK, weights);
      const found = index.search(
        [...weights].map(([term, weight]) => ({ term, weight })),
        { topK, documentIds: null },
      );
      expect(found.map((hit) => hit.score)).toEqual(expected.map((hit) => expect.closeTo(hit.score, 9)));
    }
  });

  it("stays exact as documents come and go and the average chunk length moves", () => {
    const documents = corpus(6, 40, 3);
    const index = indexOf(documents.slice(0, 4));
    const query = [VOCABULARY[3], VOCABULARY[40], VOCABULARY[90]].flatMap((word) => analyze(word));
    const search = () =>
      index.search(
        query.map((term) => ({ term, weight: 1 })),
        { topK: 10, documentIds: null },
      );
    const scores = (hits: { score: number }[]) => hits.map((hit) => expect.closeTo(hit.score, 9));
    expect(search().map((hit) => hit.score)).toEqual(scores(bruteForce(documents.slice(0, 4), query, 10)));
    // Long chunks added raise the average length, which every chunk's length norm depends on.
    const long = documents[4].map((text) => `${text} ${text} ${text}`);
    const segment = new SegmentBuilder();
    long.forEach((text, n) => {
      segment.addText(n, text);
    });
    index.put("doc-4", 1, segment.build());
    const grown = [...documents.slice(0, 4), long];
    expect(search().map((hit) => hit.score)).toEqual(scores(bruteForce(grown, query, 10)));
    index.remove("doc-0");
    expect(search().map((hit) => hit.score)).toEqual(scores(bruteForce(grown.slice(1), query, 10)));
  });

  it("searches only the documents in scope, with the whole index's frequencies", () => {
    const index = indexOf([["apple banana"], ["apple cherry"], ["banana cherry"]]);
    const hits = index.search([{ term: "appl", weight: 1 }], { topK: 10, documentIds: ["doc-1", "doc-2"] });
    expect(hits.map((hit) => hit.documentId)).toEqual(["doc-1"]);
    expect(index.chunksOf(["doc-1", "doc-2", "missing"])).toBe(2);
  });

  it("leaves no term behind when a document is removed or replaced", () => {
    const index = indexOf([["lighthouse keeper"], ["walrus colony"]]);
    expect(index.statistics(["walru"]).frequencies.get("walru")).toBe(1);
    index.remove("doc-1");
    expect(index.statistics(["walru"])).toEqual({ chunkCount: 1, frequencies: new Map() });
    expect(index.search([{ term: "walru", weight: 1 }], { topK: 5, documentIds: null })).toEqual([]);

    const replacement = new SegmentBuilder();
    replacement.addText(0, "narwhal tusk");
    index.put("doc-0", 2, replacement.build());
    expect(index.versions()).toEqual(new Map([["doc-0", 2]]));
    expect(index.statistics(["lighthous", "narwhal"]).frequencies).toEqual(new Map([["narwhal", 1]]));
    expect(index.chunkCount).toBe(1);
  });

  it("weighs an expansion term below the query's own word", () => {
    const index = indexOf([["the scanner must halt now"], ["the scanner must stop now"]]);
    const hits = index.search(
      [
        { term: "stop", weight: 1 },
        { term: "halt", weight: 0.3 },
      ],
      { topK: 5, documentIds: null },
    );
    expect(hits.map((hit) => hit.documentId)).toEqual(["doc-1", "doc-0"]);
    expect(hits[1].score).toBeCloseTo(hits[0].score * 0.3, 9);
  });
});
