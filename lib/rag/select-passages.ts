import type { RetrievedChunk } from "./types";

export type SelectOptions = {
  topK: number;
  /** Drop passages scoring under this share of the best one. */
  relativeThreshold: number;
  /** Absolute floor, used for similarity scores (cosine); null for unbounded scores such as BM25. */
  minScore: number | null;
  /** MMR trade-off between relevance (1) and diversity (0). */
  lambda?: number;
  /** Passages at least this similar (Jaccard over terms) count as duplicates. */
  duplicateSimilarity?: number;
};

/** A merged passage spans at most this many consecutive chunks, so a citation still points somewhere specific. */
const MAX_MERGED_CHUNKS = 2;

export type Passage = Omit<RetrievedChunk, "chunkIndex"> & { chunkIndexes: number[] };

/** Lower-cased words: enough to tell near-copies apart, and far cheaper than stemming every candidate. */
function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Joins two consecutive chunks, dropping the overlap the chunker repeated at the start of the second. */
function joinOverlapping(first: string, second: string): string {
  const words = second.split(/\s+/);
  for (let length = Math.min(words.length - 1, 120); length >= 3; length--) {
    const prefix = words.slice(0, length).join(" ");
    if (first.replace(/\s+/g, " ").endsWith(prefix)) return `${first} ${words.slice(length).join(" ")}`;
  }
  return `${first}\n\n${second}`;
}

/**
 * Filters and diversifies retrieved chunks before they go into the prompt: a score threshold, removal
 * of near-duplicates, maximal marginal relevance so the passages are not copies of one another, and
 * merging of consecutive chunks of the same document into one passage. Best first.
 */
export function selectPassages(candidates: RetrievedChunk[], options: SelectOptions): Passage[] {
  const { topK, relativeThreshold, minScore, lambda = 0.7, duplicateSimilarity = 0.8 } = options;
  if (candidates.length === 0) return [];
  const best = Math.max(...candidates.map((chunk) => chunk.score));
  const kept = candidates.filter(
    (chunk) => chunk.score >= best * relativeThreshold && (minScore === null || chunk.score >= minScore),
  );
  const terms = new Map(kept.map((chunk) => [chunk.id, wordSet(chunk.text)]));
  const similarities = new Map<string, number>();
  const similarity = (a: RetrievedChunk, b: RetrievedChunk) => {
    const key = a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`;
    let value = similarities.get(key);
    if (value === undefined) {
      value = jaccard(terms.get(a.id) as Set<string>, terms.get(b.id) as Set<string>);
      similarities.set(key, value);
    }
    return value;
  };

  const chosen: RetrievedChunk[] = [];
  const pool = [...kept];
  while (chosen.length < topK && pool.length > 0) {
    let pick = 0;
    let pickValue = Number.NEGATIVE_INFINITY;
    pool.forEach((chunk, n) => {
      const redundancy = chosen.length > 0 ? Math.max(...chosen.map((other) => similarity(chunk, other))) : 0;
      const value = lambda * (chunk.score / best) - (1 - lambda) * redundancy;
      if (value > pickValue) {
        pick = n;
        pickValue = value;
      }
    });
    const [candidate] = pool.splice(pick, 1);
    const duplicate = chosen.some(
      (other) =>
        other.documentId !== candidate.documentId && similarity(candidate, other) >= duplicateSimilarity,
    );
    if (!duplicate) chosen.push(candidate);
  }
  return mergeConsecutive(chosen);
}

function mergeConsecutive(chosen: RetrievedChunk[]): Passage[] {
  const passages: Passage[] = [];
  const byPosition = [...chosen].sort(
    (a, b) => a.documentId.localeCompare(b.documentId) || a.chunkIndex - b.chunkIndex,
  );
  const mergedInto = new Map<string, Passage>();
  for (const chunk of byPosition) {
    const previous = passages.at(-1);
    if (
      previous &&
      previous.documentId === chunk.documentId &&
      previous.chunkIndexes.at(-1) === chunk.chunkIndex - 1 &&
      previous.chunkIndexes.length < MAX_MERGED_CHUNKS
    ) {
      previous.text = joinOverlapping(previous.text, chunk.text);
      previous.score = Math.max(previous.score, chunk.score);
      previous.pageEnd = chunk.pageEnd ?? previous.pageEnd;
      previous.chunkIndexes.push(chunk.chunkIndex);
      mergedInto.set(chunk.id, previous);
    } else {
      const { chunkIndex, ...rest } = chunk;
      const passage = { ...rest, chunkIndexes: [chunkIndex] };
      passages.push(passage);
      mergedInto.set(chunk.id, passage);
    }
  }
  // Back to rank order: a merged passage ranks where its best chunk ranked.
  const ranked: Passage[] = [];
  for (const chunk of chosen) {
    const passage = mergedInto.get(chunk.id) as Passage;
    if (!ranked.includes(passage)) ranked.push(passage);
  }
  return ranked;
}
