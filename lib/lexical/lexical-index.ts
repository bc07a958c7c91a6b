import FlatQueue from "flatqueue";
import type { SegmentData } from "./segment";

/** BM25 (Robertson & Zaragoza) parameters, the usual ones. */
const K1 = 1.2;
const B = 0.75;

/** A query term and its weight: 1 for the query's own words, less for expansions. */
export type QueryTerm = { term: string; weight: number };

export type LexicalHit = { documentId: string; chunkIndex: number; score: number };

/** A segment held in memory, its terms as ids into the index's dictionary, sorted. */
type LoadedSegment = {
  documentId: string;
  version: number;
  chunks: Uint32Array;
  lengths: Uint32Array;
  termIds: Int32Array;
  /** Postings of termIds[n] are postings[offsets[n]] … postings[offsets[n + 1]]. */
  offsets: Uint32Array;
  postings: Uint32Array;
  totalLength: number;
  /** BM25's length norm of each chunk, for the index's average chunk length `normsFor`. */
  norms: Float64Array;
  normsFor: number;
};

/**
 * An exact inverted index over every searchable chunk, scored with BM25: a term matches only the
 * chunks that contain it, so nothing collides, and a word found in one chunk alone finds it first
 * however large the index. Held in memory per process, one segment per document; the database
 * holds the segments and says when they change (see synced-index.ts).
 */
export class LexicalIndex {
  private readonly segments = new Map<string, LoadedSegment>();
  private readonly dictionary = new Map<string, number>();
  /** Chunks holding each term, by term id, over every segment: kept as segments come and go. */
  private documentFrequency: number[] = [];
  private chunkTotal = 0;
  private lengthTotal = 0;
  private scores = new Float64Array(0);
  private touched = new Int32Array(0);

  /** Searchable chunks in all. */
  get chunkCount(): number {
    return this.chunkTotal;
  }

  /** Documents with a segment, and the version of each. */
  versions(): Map<string, number> {
    return new Map([...this.segments].map(([id, segment]) => [id, segment.version]));
  }

  has(documentId: string): boolean {
    return this.segments.has(documentId);
  }

  /** Chunks of the given documents (those searchable). */
  chunksOf(documentIds: Iterable<string>): number {
    let chunks = 0;
    for (const id of documentIds) chunks += this.segments.get(id)?.chunks.length ?? 0;
    return chunks;
  }

  /** Adds a document's segment, replacing any earlier one of that document. */
  put(documentId: string, version: number, data: SegmentData) {
    this.remove(documentId);
    const order = data.terms.map((term, position) => ({ id: this.termId(term), position }));
    order.sort((a, b) => a.id - b.id);
    const termIds = new Int32Array(order.length);
    const offsets = new Uint32Array(order.length + 1);
    const postings = new Uint32Array(data.postings.length);
    let written = 0;
    order.forEach(({ id, position }, n) => {
      termIds[n] = id;
      offsets[n] = written;
      for (let p = data.offsets[position]; p < data.offsets[position + 1]; p++)
        postings[written++] = data.postings[p];
    });
    offsets[order.length] = written;
    for (let n = 0; n < order.length; n++) this.documentFrequency[termIds[n]] += offsets[n + 1] - offsets[n];
    const lengths = Uint32Array.from(data.lengths);
    const totalLength = lengths.reduce((sum, length) => sum + length, 0);
    this.segments.set(documentId, {
      documentId,
      version,
      chunks: Uint32Array.from(data.chunks),
      lengths,
      termIds,
      offsets,
      postings,
      totalLength,
      norms: new Float64Array(lengths.length),
      normsFor: Number.NaN,
    });
    this.chunkTotal += lengths.length;
    this.lengthTotal += totalLength;
  }

  remove(documentId: string) {
    const segment = this.segments.get(documentId);
    if (!segment) return;
    this.segments.delete(documentId);
    for (let n = 0; n < segment.termIds.length; n++)
      this.documentFrequency[segment.termIds[n]] -= segment.offsets[n + 1] - segment.offsets[n];
    this.chunkTotal -= segment.lengths.length;
    this.lengthTotal -= segment.totalLength;
  }

  clear() {
    this.segments.clear();
    this.dictionary.clear();
    this.documentFrequency = [];
    this.chunkTotal = 0;
    this.lengthTotal = 0;
  }

  /** Chunks holding each term, over the whole index, and the number of chunks. */
  statistics(terms: string[]): { chunkCount: number; frequencies: Map<string, number> } {
    const ids = terms.map((term) => this.dictionary.get(term));
    const frequencies = new Map<string, number>();
    const counts = this.frequencies(ids);
    terms.forEach((term, n) => {
      if (counts[n] > 0) frequencies.set(term, counts[n]);
    });
    return { chunkCount: this.chunkTotal, frequencies };
  }

  /**
   * The `topK` best chunks for the terms by BM25, best first, among the given documents (all when
   * null). Term frequencies are over the whole index, so a chunk scores the same in any scope.
   */
  search(
    query: QueryTerm[],
    { topK, documentIds }: { topK: number; documentIds: string[] | null },
  ): LexicalHit[] {
    const weighted = new Map<number, number>();
    for (const { term, weight } of query) {
      const id = this.dictionary.get(term);
      if (id !== undefined) weighted.set(id, Math.max(weighted.get(id) ?? 0, weight));
    }
    if (weighted.size === 0 || topK <= 0) return [];
    const ids = [...weighted.keys()];
    const counts = this.frequencies(ids);
    const idf = counts.map((count) => Math.log(1 + (this.chunkTotal - count + 0.5) / (count + 0.5)));
    const weights = ids.map((id, n) => (weighted.get(id) as number) * idf[n]);
    const averageLength = this.lengthTotal / Math.max(1, this.chunkTotal);

    // MaxScore: a term adds less than weight · (k1 + 1) to a chunk's score. Terms sorted by that bound,
    // smallest first; once the best `topK` are known, the smallest terms whose bounds add up to no
    // more than the k-th score cannot lift a chunk into the top by themselves: they are only looked
    // up for chunks that the other terms scored. The result is exactly that of scoring every term.
    const order = ids
      .map((_, n) => n)
      .filter((n) => counts[n] > 0 && weights[n] > 0)
      .sort((a, b) => weights[a] - weights[b]);
    const bounds = order.map((n) => weights[n] * (K1 + 1));
    /** boundsUpTo[t]: the most that terms 0 … t can add together. */
    const boundsUpTo = new Float64Array(bounds.length);
    for (let t = 0, sum = 0; t < bounds.length; t++) boundsUpTo[t] = sum += bounds[t];
    const ranges = new Int32Array(order.length * 2);

    // A min-heap of the best `topK` so far; a candidate is a segment and an ordinal in it.
    const best = new FlatQueue<number>();
    const candidates: { segment: LoadedSegment; ordinal: number }[] = [];
    const threshold = () => (best.length >= topK ? (best.peekValue() as number) : 0);
    const scope = documentIds ? documentIds.map((id) => this.segments.get(id)) : this.segments.values();
    for (const segment of scope) {
      if (!segment) continue;
      const norms = lengthNorms(segment, averageLength);
      for (let t = 0; t < order.length; t++) {
        const at = findTerm(segment.termIds, ids[order[t]]);
        ranges[2 * t] = at < 0 ? 0 : segment.offsets[at];
        ranges[2 * t + 1] = at < 0 ? 0 : segment.offsets[at + 1];
      }
      let split = 0;
      while (split < order.length && boundsUpTo[split] <= threshold()) split++;
      // Scores of the segment's chunks in a buffer shared by all segments, and the chunks touched:
      // only those are read and reset, not every chunk of a segment that holds one term.
      const scores = this.scratch(segment.lengths.length);
      let touched = 0;
      for (let t = split; t < order.length; t++) {
        const weight = weights[order[t]] * (K1 + 1);
        for (let p = ranges[2 * t]; p < ranges[2 * t + 1]; p++) {
          const posting = segment.postings[p];
          const ordinal = posting >>> 8;
          const count = posting & 255;
          if (scores[ordinal] === 0) this.touched[touched++] = ordinal;
          scores[ordinal] += (weight * count) / (count + norms[ordinal]);
        }
      }
      for (let c = 0; c < touched; c++) {
        const ordinal = this.touched[c];
        let score = scores[ordinal];
        scores[ordinal] = 0;
        for (let t = split - 1; t >= 0 && score + boundsUpTo[t] > threshold(); t--) {
          const count = countIn(segment.postings, ranges[2 * t], ranges[2 * t + 1], ordinal);
          if (count > 0) score += (weights[order[t]] * (K1 + 1) * count) / (count + norms[ordinal]);
        }
        if (best.length >= topK && score <= threshold()) continue;
        candidates.push({ segment, ordinal });
        best.push(candidates.length - 1, score);
        if (best.length > topK) best.pop();
      }
    }
    const hits: LexicalHit[] = [];
    while (best.length > 0) {
      const score = best.peekValue() as number;
      const { segment, ordinal } = candidates[best.pop() as number];
      hits.push({ documentId: segment.documentId, chunkIndex: segment.chunks[ordinal], score });
    }
    return hits.reverse();
  }

  /** A zeroed score buffer for a segment of `size` chunks, with room to list them all as touched. */
  private scratch(size: number): Float64Array {
    if (this.scores.length < size) {
      this.scores = new Float64Array(size);
      this.touched = new Int32Array(size);
    }
    return this.scores;
  }

  /** Chunks holding each term id (undefined: a term the index has never seen). */
  private frequencies(ids: (number | undefined)[]): number[] {
    return ids.map((id) => (id === undefined ? 0 : this.documentFrequency[id]));
  }

  private termId(term: string): number {
    let id = this.dictionary.get(term);
    if (id === undefined) {
      id = this.dictionary.size;
      this.dictionary.set(term, id);
      this.documentFrequency.push(0);
    }
    return id;
  }
}

/** The segment's BM25 length norms, computed again only when the average chunk length has moved. */
function lengthNorms(segment: LoadedSegment, averageLength: number): Float64Array {
  if (segment.normsFor !== averageLength) {
    for (let ordinal = 0; ordinal < segment.lengths.length; ordinal++)
      segment.norms[ordinal] = K1 * (1 - B + (B * segment.lengths[ordinal]) / averageLength);
    segment.normsFor = averageLength;
  }
  return segment.norms;
}

/** Position of `id` in the sorted `termIds`, or -1. */
/** A chunk's count in one term's postings (sorted by ordinal, between `low` and `high`), or 0. */
function countIn(postings: Uint32Array, low: number, high: number, ordinal: number): number {
  let from = low;
  let to = high - 1;
  while (from <= to) {
    const middle = (from + to) >>> 1;
    const at = postings[middle] >>> 8;
    if (at === ordinal) return postings[middle] & 255;
    if (at < ordinal) from = middle + 1;
    else to = middle - 1;
  }
  return 0;
}

function findTerm(termIds: Int32Array, id: number): number {
  let low = 0;
  let high = termIds.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = termIds[middle];
    if (value === id) return middle;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
