export const normalize = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/** recall@5 and MRR@10, where a retrieved text is relevant when it contains the evidence phrase. */
export function score(rankings: { retrieved: string[]; evidence: string }[]) {
  let hitsAt5 = 0;
  let reciprocalRanks = 0;
  for (const { retrieved, evidence } of rankings) {
    const position = retrieved
      .slice(0, 10)
      .findIndex((text) => normalize(text).includes(normalize(evidence)));
    if (position >= 0 && position < 5) hitsAt5++;
    if (position >= 0) reciprocalRanks += 1 / (position + 1);
  }
  return { recallAt5: hitsAt5 / rankings.length, mrr: reciprocalRanks / rankings.length };
}
