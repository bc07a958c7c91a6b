import type { ChatUIMessage, CitationDetails } from "./types";

/** The message's markdown: its text parts in order, untrimmed (leading spaces can matter to markdown). */
export function messageText(message: ChatUIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function isCitation(value: unknown): value is CitationDetails {
  if (typeof value !== "object" || value === null) return false;
  const details = value as Record<string, unknown>;
  return (
    typeof details.citation === "number" &&
    typeof details.documentId === "string" &&
    typeof details.documentName === "string" &&
    typeof details.text === "string"
  );
}

/** An answer's text without its [n] citation markers, for uses where the passages are not attached. */
export function withoutCitationMarkers(text: string): string {
  return text.replace(/\s?(?:\[\d+\])+(?=[\s.,;:!?)"'’”]|$)/g, "");
}

/** The passages the answer was grounded in, from its `source-document` parts, numbered as cited. */
export function citationsOf(message: ChatUIMessage): CitationDetails[] {
  return message.parts.flatMap((part) => {
    if (part.type !== "source-document") return [];
    const details = part.providerMetadata?.rag;
    return isCitation(details) ? [details] : [];
  });
}

/** "p. 71", "pp. 71–72", or "" for formats without pages. */
type PageFields = Pick<CitationDetails, "page" | "pageEnd" | "documentKind">;

function pageRange({ page, pageEnd }: PageFields, one: string, many: string): string {
  if (page === null) return "";
  return pageEnd !== null && pageEnd !== page ? `${many} ${page}–${pageEnd}` : `${one} ${page}`;
}

/** "p. 3", "pp. 3–4", "slide 2" (PPTX); empty for formats without pages. */
export function pageLabel(fields: PageFields): string {
  return fields.documentKind === "pptx"
    ? pageRange(fields, "slide", "slides")
    : pageRange(fields, "p.", "pp.");
}

/** "Page 3", "Pages 3–4", "Slide 2" (PPTX); empty for formats without pages. */
export function pagesTitle(fields: PageFields): string {
  return fields.documentKind === "pptx"
    ? pageRange(fields, "Slide", "Slides")
    : pageRange(fields, "Page", "Pages");
}

/** The question an assistant message answers: the nearest user message before it. */
export function questionBefore(messages: ChatUIMessage[], index: number): string | null {
  for (let n = index - 1; n >= 0; n--) {
    if (messages[n].role === "user") return messageText(messages[n]).trim() || null;
  }
  return null;
}
