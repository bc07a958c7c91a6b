export const normalize = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/** One question's retrieved texts, best first, and the phrase a relevant text contains. */
export type Ranking = { retrieved: string[]; evidence: string };

/** recall@1, recall@5 and MRR@10, where a retrieved text is relevant when it contains the evidence phrase. */
export function score(rankings: Ranking[]) {
  let hitsAt1 = 0;
  let hitsAt5 = 0;
  let reciprocalRanks = 0;
  for (const { retrieved, evidence } of rankings) {
    const position = retrieved
      .slice(0, 10)
      .findIndex((text) => normalize(text).includes(normalize(evidence)));
    if (position === 0) hitsAt1++;
    if (position >= 0 && position < 5) hitsAt5++;
    if (position >= 0) reciprocalRanks += 1 / (position + 1);
  }
  const count = Math.max(1, rankings.length);
  return { recallAt1: hitsAt1 / count, recallAt5: hitsAt5 / count, mrr: reciprocalRanks / count };
}
