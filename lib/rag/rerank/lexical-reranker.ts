import type { RerankingModelV4, RerankingModelV4CallOptions, RerankingModelV4Result } from "@ai-sdk/provider";
import { analyze } from "@/lib/text/analyze";
import type { RerankCandidate } from "./candidate";

/**
 * Weights of the features: the best of a grid search on the eval's tune split (87 questions;
 * `npm run eval:tune` runs it again;
 * `npm run eval` reports the held-out ones apart).
 */
export const LEXICAL_RERANK_WEIGHTS = {
  /** The first stage's score, as a share of the best candidate's. */
  prior: 0.5,
  /** Share of the query's weight whose terms the passage holds. */
  coverage: 0.5,
  /** Matched terms over the span of the shortest window holding them all. */
  proximity: 0.25,
  /** Share of the query's consecutive term pairs that stand next to each other in the passage. */
  phrase: 0.5,
  /** Share of the query's weight found in the passage's title and section path. */
  heading: 0.25,
  /** A table of contents or an index (dot leaders to page numbers): rarely the answer, though full of terms. */
  navigation: -0.5,
};

/** Dot leaders, as tables of contents and indexes print them: ". . . . 12" or "....12". */
const DOT_LEADER = /(?:\. ){3,}|\.{4,}/g;
const NAVIGATION_LEADERS = 3;

/** Smallest span of positions that holds at least one position of every list. */
function shortestWindow(positions: number[][]): number {
  const events = positions.flatMap((list, term) => list.map((position) => ({ position, term })));
  events.sort((a, b) => a.position - b.position);
  const inWindow = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let start = 0;
  for (const event of events) {
    inWindow.set(event.term, (inWindow.get(event.term) ?? 0) + 1);
    while (inWindow.size === positions.length) {
      best = Math.min(best, event.position - events[start].position + 1);
      const first = events[start++];
      const left = (inWindow.get(first.term) as number) - 1;
      if (left === 0) inWindow.delete(first.term);
      else inWindow.set(first.term, left);
    }
  }
  return best;
}

/**
 * The offline reranker: orders candidates by what BM25 does not see, where the query's terms stand
 * in the passage (close together, in the query's order) and whether the section is about them.
 * Term weights (the query's inverse document frequencies) come from the lexical index.
 */
export class LexicalReranker implements RerankingModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = "offline";
  readonly modelId = "lexical-proximity-v1";
  private readonly weights: Map<string, number>;

  constructor({ termWeights }: { termWeights: Map<string, number> }) {
    this.weights = termWeights;
  }

  async doRerank({ documents, query, topN }: RerankingModelV4CallOptions): Promise<RerankingModelV4Result> {
    const candidates = documents.values as RerankCandidate[];
    const queryTerms = [...new Set(analyze(query))].filter((term) => this.weights.has(term));
    const total = queryTerms.reduce((sum, term) => sum + (this.weights.get(term) as number), 0) || 1;
    const scored = candidates.map((candidate, index) => ({
      index,
      relevanceScore: this.score(queryTerms, total, candidate),
    }));
    scored.sort((a, b) => b.relevanceScore - a.relevanceScore || a.index - b.index);
    return { ranking: scored.slice(0, topN ?? scored.length) };
  }

  private score(queryTerms: string[], total: number, candidate: RerankCandidate): number {
    const w = LEXICAL_RERANK_WEIGHTS;
    const terms = analyze(candidate.text);
    const positions = new Map<string, number[]>(queryTerms.map((term) => [term, []]));
    terms.forEach((term, position) => {
      positions.get(term)?.push(position);
    });
    const matched = queryTerms.filter((term) => (positions.get(term) as number[]).length > 0);
    const coverage = matched.reduce((sum, term) => sum + (this.weights.get(term) as number), 0) / total;
    const proximity =
      matched.length > 1
        ? matched.length / shortestWindow(matched.map((term) => positions.get(term) as number[]))
        : matched.length;
    let pairs = 0;
    let adjacent = 0;
    for (let n = 1; n < queryTerms.length; n++) {
      pairs++;
      const next = new Set(positions.get(queryTerms[n]));
      if ((positions.get(queryTerms[n - 1]) as number[]).some((p) => next.has(p + 1) || next.has(p + 2)))
        adjacent++;
    }
    const headingTerms = new Set(analyze(candidate.heading));
    const heading =
      queryTerms.reduce(
        (sum, term) => sum + (headingTerms.has(term) ? (this.weights.get(term) as number) : 0),
        0,
      ) / total;
    return (
      w.prior * candidate.prior +
      w.coverage * coverage +
      w.proximity * proximity +
      w.phrase * (pairs > 0 ? adjacent / pairs : 0) +
      w.heading * heading +
      w.navigation * ((candidate.text.match(DOT_LEADER)?.length ?? 0) >= NAVIGATION_LEADERS ? 1 : 0)
    );
  }
}
