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

/**
 * The alternative to RRF that the eval compares it with: a weighted sum of each list's scores,
 * min-max normalised per list (a list's best is 1, its last 0). Best first.
 */
export function fuseScores(
  lists: { id: string; score: number }[][],
  weights: number[],
): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  lists.forEach((list, n) => {
    if (list.length === 0) return;
    const high = Math.max(...list.map((entry) => entry.score));
    const low = Math.min(...list.map((entry) => entry.score));
    for (const { id, score } of list) {
      const normalised = high > low ? (score - low) / (high - low) : 1;
      scores.set(id, (scores.get(id) ?? 0) + weights[n] * normalised);
    }
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
