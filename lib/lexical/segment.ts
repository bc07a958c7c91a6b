import { analyze } from "@/lib/text/analyze";

/**
 * One document's part of the lexical index, as stored in the database: for every term, the chunks
 * that contain it and how often. Written once, when the document becomes searchable, and replaced
 * or dropped whole, like a Lucene segment: no per-term rows to update, nothing left behind.
 */
export type SegmentData = {
  /** Chunk indexes in the document, by position in the segment ("ordinal"). */
  chunks: number[];
  /** Terms of each chunk, by ordinal (BM25's document length). */
  lengths: number[];
  /** The distinct terms, sorted. */
  terms: string[];
  /** Where each term's postings start in `postings`; one more entry than `terms`. */
  offsets: number[];
  /** Per term, `ordinal * 256 + min(count, 255)` for every chunk that contains it, by ordinal. */
  postings: number[];
};

const MAX_COUNT = 255;

/** Collects the terms of a document's chunks as they are written, then builds its segment. */
export class SegmentBuilder {
  private readonly chunks: number[] = [];
  private readonly lengths: number[] = [];
  /** term → postings so far. */
  private readonly byTerm = new Map<string, number[]>();

  get size(): number {
    return this.chunks.length;
  }

  /** Adds one chunk by its index and index terms (from `analyze`); returns the terms. */
  add(chunkIndex: number, terms: string[]) {
    const ordinal = this.chunks.length;
    this.chunks.push(chunkIndex);
    this.lengths.push(terms.length);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let postings = this.byTerm.get(term);
      if (!postings) {
        postings = [];
        this.byTerm.set(term, postings);
      }
      postings.push(ordinal * 256 + Math.min(count, MAX_COUNT));
    }
  }

  addText(chunkIndex: number, text: string) {
    this.add(chunkIndex, analyze(text));
  }

  build(): SegmentData {
    const terms = [...this.byTerm.keys()].sort();
    const offsets = [0];
    const postings: number[] = [];
    for (const term of terms) {
      for (const posting of this.byTerm.get(term) as number[]) postings.push(posting);
      offsets.push(postings.length);
    }
    return { chunks: this.chunks, lengths: this.lengths, terms, offsets, postings };
  }
}
