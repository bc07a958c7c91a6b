import type { ViewerTarget } from "./viewer-types";

/** Most characters of a passage carried in a viewer link: enough to place the highlight, short enough for any URL. */
export const MAX_LINK_PASSAGE_CHARS = 1000;

/** The viewer's own page for a target: a link that opens the document at the page, the passage highlighted. */
export function viewerHref({ documentId, page, pageEnd, passage }: ViewerTarget): string {
  const query = new URLSearchParams();
  if (page !== null) query.set("page", String(page));
  if (pageEnd !== null && pageEnd !== page) query.set("to", String(pageEnd));
  if (passage) query.set("passage", passage.slice(0, MAX_LINK_PASSAGE_CHARS));
  const search = query.toString();
  return `/documents/${encodeURIComponent(documentId)}${search ? `?${search}` : ""}`;
}
