import type { RetrieveResponseJson, RetrieveResultJson, SearchMode } from "@/lib/rag/types";

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
  let response: Response;
  try {
    response = await fetch("/api/retrieve", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, documentIds, exact }),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, error: "Could not reach the server. Check the connection and try again." };
  }
  const body = (await response.json().catch(() => null)) as
    | (Partial<RetrieveResponseJson> & { error?: string })
    | null;
  if (response.ok && body?.results && body.search)
    return { ok: true, results: body.results, search: body.search };
  return { ok: false, error: body?.error ?? `The search failed (HTTP ${response.status}).` };
}
