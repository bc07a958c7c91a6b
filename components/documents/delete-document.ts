import { fetchJson } from "../fetch-json";

export type DeleteOutcome = { ok: true; alreadyGone: boolean } | { ok: false; error: string };

/** Deletes a document in any state; on a queued or indexing one this cancels its indexing. */
export async function deleteDocument(id: string): Promise<DeleteOutcome> {
  const outcome = await fetchJson(`/api/documents/${encodeURIComponent(id)}`, {
    method: "DELETE",
    fallbackError: "Could not delete it",
  });
  if (outcome.ok) return { ok: true, alreadyGone: false };
  // Deleted meanwhile, from another tab for example: the row should go either way.
  if (outcome.status === 404) return { ok: true, alreadyGone: true };
  return { ok: false, error: outcome.error };
}
