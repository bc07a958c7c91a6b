import type { JSONObject } from "@ai-sdk/provider";

/** What a reranker sees of a candidate passage (a JSON object, as `rerank()` passes documents). */
export type RerankCandidate = JSONObject & {
  text: string;
  /** Document title and section path above the passage. */
  heading: string;
  /** The first stage's score as a share of the best candidate's (1 for the best). */
  prior: number;
};
