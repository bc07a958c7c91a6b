import type { RetrieveResponseJson, RetrieveResultJson, SearchMode } from "@/lib/rag/types";
import { fetchJson } from "../fetch-json";

export type SearchResult = RetrieveResultJson;

export type SearchOutcome =
  | { ok: true; results: SearchResult[]; search: SearchMode }
  | { ok: false; error: string };

export async function searchDocuments({
  query,
  documentIds,
  exact,
  signal,
}: {
  query: string;
  documentIds?: string[];
  /** Score every vector instead of the approximate index; unset lets the server choose. */
  exact?: boolean;
  signal: AbortSignal;
}): Promise<SearchOutcome> {
  const outcome = await fetchJson<RetrieveResponseJson>("/api/retrieve", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, documentIds, exact }),
    signal,
    fallbackError: "The search failed",
  });
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, results: outcome.body.results, search: outcome.body.search };
}
