export type DeleteOutcome = { ok: true; alreadyGone: boolean } | { ok: false; error: string };

export async function deleteDocument(id: string): Promise<DeleteOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/documents/${encodeURIComponent(id)}`, { method: "DELETE" });
  } catch {
    return { ok: false, error: "Could not reach the server. Check the connection and try again." };
  }
  if (response.ok) return { ok: true, alreadyGone: false };
  // Deleted meanwhile, from another tab for example: the row should go either way.
  if (response.status === 404) return { ok: true, alreadyGone: true };
  const body: unknown = await response.json().catch(() => null);
  const message = (body as { error?: unknown } | null)?.error;
  return {
    ok: false,
    error: typeof message === "string" ? message : `Could not delete it (HTTP ${response.status}).`,
  };
}
