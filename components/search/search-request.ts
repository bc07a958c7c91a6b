import type { RetrieveResultJson } from "@/lib/rag/types";

export type SearchResult = RetrieveResultJson;

export type SearchOutcome = { ok: true; results: SearchResult[] } | { ok: false; error: string };

export async function searchDocuments({
  query,
  documentIds,
  signal,
}: {
  query: string;
  documentIds?: string[];
  signal: AbortSignal;
}): Promise<SearchOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/retrieve", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, documentIds }),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, error: "Could not reach the server. Check the connection and try again." };
  }
  const body = (await response.json().catch(() => null)) as {
    results?: SearchResult[];
    error?: string;
  } | null;
  if (response.ok && body?.results) return { ok: true, results: body.results };
  return { ok: false, error: body?.error ?? `The search failed (HTTP ${response.status}).` };
}
