/** Where the viewer stands with the passage on the page shown. */
export type HighlightState = "none" | "locating" | "found" | "not-found";

/** What the viewer is asked to show: a document at a page, with a cited passage to highlight. */
export type ViewerTarget = {
  documentId: string;
  /** 1-based; null for formats without pages. */
  page: number | null;
  /** The last page the passage runs onto; null when it is on one page. */
  pageEnd: number | null;
  passage: string | null;
};
