import { describe, expect, it } from "vitest";
import { LexicalIndex } from "@/lib/lexical/lexical-index";
import { SegmentBuilder } from "@/lib/lexical/segment";
import { analyze } from "@/lib/text/analyze";
import { OfflineEmbedder } from "./offline";

const passages = [
  "To configure the scanner, edit the configuration file and restart the service.",
  "The cat sat on the mat. Cats like mats. The weather was pleasant.",
  "Memory is allocated lazily; the input buffer is 16 kB by default.",
  "The service restarts automatically after a crash. The service logs to syslog.",
];

/** An embedder whose statistics come from a real lexical index of `texts`. */
async function embedderFor(texts: string[], dimension = 2048) {
  const index = new LexicalIndex();
  const segment = new SegmentBuilder();
  texts.forEach((text, n) => {
    segment.addText(n, text);
  });
  index.put("document", 1, segment.build());
  return new OfflineEmbedder({ dimension, statistics: { read: async (terms) => index.statistics(terms) } });
}

const dot = (a: number[], b: number[]) => a.reduce((sum, value, n) => sum + value * b[n], 0);

async function rank(query: string, texts = passages) {
  const embedder = await embedderFor(texts);
  const vectors = await embedder.embedDocuments(texts);
  const queryVector = await embedder.embedQuery(query);
  return vectors
    .map((vector, n) => ({ n, score: dot(vector, queryVector) }))
    .sort((a, b) => b.score - a.score);
}

describe("analyze", () => {
  it("stems word forms to one term and drops stop words", () => {
    expect(analyze("Configuring configurations")).toEqual(analyze("configure configuration"));
    expect(analyze("the of and")).toEqual([]);
  });

  it("keeps identifiers whole and also splits them into parts", () => {
    const terms = analyze("yy_scan_buffer maxChunkSize");
    expect(terms).toContain("yy_scan_buff".replace("_buff", "_buffer"));
    expect(terms).toEqual(expect.arrayContaining(["scan", "buffer", "max", "chunk", "size"]));
  });
});

describe("OfflineEmbedder", () => {
  it("has a fixed dimension and an id that names it", async () => {
    const embedder = await embedderFor(passages, 512);
    expect(embedder.id).toBe("offline-bm25-v1-512");
    expect(embedder.space).toBe("ip");
  });

  it("finds the passage for a question phrased with other word forms", async () => {
    const [best] = await rank("how do I configure it?");
    expect(best.n).toBe(0);
    const [buffer] = await rank("How big are input buffers?");
    expect(buffer.n).toBe(2);
  });

  it("weighs rare words above common ones (inverse document frequency)", async () => {
    // "service" is in two passages, "syslog" in one: the passage with the rare word wins.
    const [best] = await rank("service syslog");
    expect(best.n).toBe(3);
  });

  it("saturates repeated words instead of rewarding keyword stuffing linearly", async () => {
    const texts = ["cat cat cat cat cat cat cat cat cat cat cat cat", "cat dog", "bird"];
    const embedder = await embedderFor(texts);
    const [stuffed, plain] = await embedder.embedDocuments(texts.slice(0, 2));
    const query = await embedder.embedQuery("cat");
    expect(dot(stuffed, query) / dot(plain, query)).toBeLessThan(2.5);
  });

  it("gives a zero query vector when no query word occurs in any document", async () => {
    const embedder = await embedderFor(passages);
    const vector = await embedder.embedQuery("quantum chromodynamics");
    expect(vector.every((value) => value === 0)).toBe(true);
  });

  it("is deterministic", async () => {
    const embedder = await embedderFor(passages);
    expect(await embedder.embedDocuments(passages)).toEqual(await embedder.embedDocuments(passages));
  });
});
