import "server-only";
import type { RerankingModelV4, RerankingModelV4CallOptions, RerankingModelV4Result } from "@ai-sdk/provider";
import { generateText, type LanguageModel } from "ai";
import type { RerankCandidate } from "./candidate";

/** Characters of each passage shown to the model: enough to judge it, short enough for one quick request. */
const PASSAGE_CHARS = 700;

export const RERANK_INSTRUCTIONS =
  "You rank passages by how well they answer a search query. Reply with only a JSON array of the " +
  "passage numbers, most useful first, every number once, for example [3, 1, 2]. No other text.";

/** The prompt: the query, then the numbered passages with their headings. */
export function rerankPrompt(query: string, candidates: RerankCandidate[]): string {
  const passages = candidates.map(
    (candidate, n) => `[${n + 1}] ${candidate.heading}\n${candidate.text.slice(0, PASSAGE_CHARS).trim()}`,
  );
  return `Query: ${query}\n\nPassages:\n\n${passages.join("\n\n")}`;
}

/** The order in the model's reply: numbers it gave, valid and unseen, then those it left out in their first order. */
export function parseRanking(reply: string, count: number): number[] {
  const list = /\[[\d\s,]*\]/.exec(reply)?.[0];
  const given: number[] = list ? (JSON.parse(list) as number[]) : [];
  const order: number[] = [];
  for (const number of given) {
    const index = number - 1;
    if (Number.isInteger(index) && index >= 0 && index < count && !order.includes(index)) order.push(index);
  }
  for (let index = 0; index < count; index++) if (!order.includes(index)) order.push(index);
  return order;
}

/**
 * A listwise reranker on the chat model (DBRX or another): one short request shows the query and
 * the candidates and asks for their order. Relevance falls evenly from 1 (first) towards 0.
 */
export class ModelReranker implements RerankingModelV4 {
  readonly specificationVersion = "v4";
  readonly provider: string;
  readonly modelId: string;
  private readonly model: LanguageModel;

  constructor({ model, id }: { model: LanguageModel; id: string }) {
    this.model = model;
    this.provider = id.split(":")[0] ?? "model";
    this.modelId = id;
  }

  async doRerank({
    documents,
    query,
    topN,
    abortSignal,
  }: RerankingModelV4CallOptions): Promise<RerankingModelV4Result> {
    const candidates = documents.values as RerankCandidate[];
    const { text } = await generateText({
      model: this.model,
      instructions: RERANK_INSTRUCTIONS,
      prompt: rerankPrompt(query, candidates),
      temperature: 0,
      maxOutputTokens: 8 * candidates.length + 16,
      // A failed rerank falls back to the first stage's order at once; retries would hold up the answer.
      maxRetries: 0,
      abortSignal,
    });
    const order = parseRanking(text, candidates.length);
    return {
      ranking: order
        .slice(0, topN ?? order.length)
        .map((index, position) => ({ index, relevanceScore: 1 - position / order.length })),
    };
  }
}
