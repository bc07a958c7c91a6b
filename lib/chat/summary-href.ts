// Client-safe: the chat page's address that starts a summary of these documents.
export const SUMMARIZE_PARAM = "summarize";

export function summaryHref(documentIds: string[]): string {
  return `/chat?${SUMMARIZE_PARAM}=${documentIds.map(encodeURIComponent).join(",")}`;
}
