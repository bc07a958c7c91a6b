import "server-only";
import type { RerankingModelV4 } from "@ai-sdk/provider";
import { rerank } from "ai";
import { LRUCache } from "lru-cache";
import { getChatModel } from "@/lib/ai/providers";
import { env } from "@/lib/config/env";
import { processState } from "@/lib/process-state";
import type { RerankCandidate } from "./candidate";
import { LexicalReranker } from "./lexical-reranker";
import { ModelReranker } from "./model-reranker";

export type RerankKind = "lexical" | "model";

/** The reranker the configuration asks for: RERANK=auto is the chat model's when there is one. */
export function configuredRerank(): RerankKind | null {
  const { RERANK } = env();
  if (RERANK === "off") return null;
  if (RERANK === "auto") return getChatModel().info.offline ? "lexical" : "model";
  if (RERANK === "model" && getChatModel().info.offline) return "lexical";
  return RERANK;
}

/** Model orderings by search version, query and candidate ids: a repeated search costs no request. */
function rerankCache() {
  return processState("rerankCache", () => new LRUCache<string, number[]>({ max: 1000 }));
}

/**
 * Orders candidates with the chosen reranker through the AI SDK's `rerank()`; returns the indexes
 * of `candidates`, best first, with relevance scores. `cacheKey` names the search (the lexical
 * index's version, the query and the candidates), so any change to what is searchable misses.
 */
export async function rerankCandidates({
  kind,
  query,
  candidates,
  termWeights,
  cacheKey,
  signal,
}: {
  kind: RerankKind;
  query: string;
  candidates: RerankCandidate[];
  termWeights: Map<string, number>;
  cacheKey: string;
  signal?: AbortSignal;
}): Promise<{ index: number; score: number }[]> {
  const cache = kind === "model" ? rerankCache() : null;
  const cached = cache?.get(cacheKey);
  if (cached) return cached.map((index, position) => ({ index, score: 1 - position / cached.length }));
  const { model, info } = getChatModel();
  const reranker: RerankingModelV4 =
    kind === "model" ? new ModelReranker({ model, id: info.id }) : new LexicalReranker({ termWeights });
  const { ranking } = await rerank({
    model: reranker,
    documents: candidates,
    query,
    maxRetries: 0,
    abortSignal: signal,
  });
  const order = ranking.map((entry) => ({ index: entry.originalIndex, score: entry.score }));
  cache?.set(
    cacheKey,
    order.map((entry) => entry.index),
  );
  return order;
}
