/**
 * Reciprocal rank fusion's constant (Cormack, Clarke & Büttcher 2009): large enough that the first
 * places of one list do not drown the other list.
 */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion of rankings of ids (best first): each id scores the sum of 1 / (k + rank)
 * over the lists that hold it. Only ranks count, not the lists' scores, so BM25's unbounded scores
 * and cosine similarities mix without calibration. Best first; ties keep the first list's order.
 */
export function fuseRankings(rankings: string[][], k = RRF_K): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1));
    });
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
