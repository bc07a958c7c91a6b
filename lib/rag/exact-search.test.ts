import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chromaClient } from "./chroma";
import { exactNearest } from "./exact-search";

/** Deterministic pseudo-random vectors (mulberry32). */
function vectors(count: number, dimension: number, seed: number): number[][] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => Array.from({ length: dimension }, next));
}

const cosine = (a: number[], b: number[]) => {
  const dot = a.reduce((sum, value, n) => sum + value * b[n], 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
};

describe("exactNearest (brute force over a real Chroma collection)", () => {
  it("returns the true top k by cosine, within a document scope, nearest first", async () => {
    const collection = await chromaClient().createCollection({
      name: `exact-${randomUUID()}`,
      embeddingFunction: null,
      configuration: { hnsw: { space: "cosine" } },
    });
    const stored = vectors(2500, 16, 3);
    for (let start = 0; start < stored.length; start += 500) {
      await collection.add({
        ids: stored.slice(start, start + 500).map((_, n) => `c${start + n}`),
        embeddings: stored.slice(start, start + 500),
        metadatas: stored
          .slice(start, start + 500)
          .map((_, n) => ({ documentId: (start + n) % 2 ? "odd" : "even" })),
      });
    }
    const [query] = vectors(1, 16, 99);
    const truth = stored
      .map((vector, n) => ({ id: `c${n}`, similarity: cosine(query, vector), odd: n % 2 === 1 }))
      .sort((a, b) => b.similarity - a.similarity);

    const all = await exactNearest(collection, {
      embedding: query,
      topK: 10,
      documentIds: null,
      space: "cosine",
    });
    expect(all.map((hit) => hit.id)).toEqual(truth.slice(0, 10).map((entry) => entry.id));
    expect(all[0].distance).toBeCloseTo(1 - truth[0].similarity, 6);

    const odd = await exactNearest(collection, {
      embedding: query,
      topK: 5,
      documentIds: ["odd"],
      space: "cosine",
    });
    expect(odd.map((hit) => hit.id)).toEqual(
      truth
        .filter((entry) => entry.odd)
        .slice(0, 5)
        .map((entry) => entry.id),
    );
  });
});
