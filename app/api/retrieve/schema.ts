import { z } from "zod";
import { DEFAULT_TOP_K, MAX_QUERY_CHARS, MAX_TOP_K } from "@/lib/config/constants";

export const retrieveSchema = z.object({
  query: z.string().trim().min(1, "The query must not be empty.").max(MAX_QUERY_CHARS),
  k: z.number().int().min(1).max(MAX_TOP_K).default(DEFAULT_TOP_K),
  documentIds: z.array(z.string().uuid()).max(1000).optional(),
  /** Score every vector in the scope instead of using Chroma's approximate index. */
  exact: z.boolean({ error: "`exact` must be true or false." }).optional(),
  /** Rerank the candidates with the configured reranker (RERANK); false for the fused order. */
  rerank: z.boolean({ error: "`rerank` must be true or false." }).optional(),
});
