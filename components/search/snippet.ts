import { STOPWORDS } from "@/lib/text/stopwords";

export type SnippetPart = { text: string; match: boolean };

const MIN_TERM_LENGTH = 3;

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * About `maxChars` of a passage around the first place a query word occurs, split into parts so
 * that those words can be highlighted. Runs of spaces collapse; line breaks are kept.
 */
export function snippet(text: string, query: string, maxChars = 300): SnippetPart[] {
  const tidy = text
    .replace(/[ \t\f\v]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const terms = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((term) => term.length >= MIN_TERM_LENGTH && !STOPWORDS.has(term));
  const pattern =
    terms.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}_])(${terms.map(escapeRegExp).join("|")})`, "giu") : null;

  let start = 0;
  const firstMatch = pattern ? tidy.search(pattern) : -1;
  // Keep a little context before the first match, unless it already falls inside the first window.
  if (firstMatch > maxChars * 0.6) {
    const space = tidy.lastIndexOf(" ", firstMatch - 60);
    start = space > 0 ? space + 1 : firstMatch;
  }
  let end = Math.min(tidy.length, start + maxChars);
  if (end < tidy.length) {
    const space = tidy.lastIndexOf(" ", end);
    if (space > start + maxChars * 0.6) end = space;
  }
  const excerpt = `${start > 0 ? "…" : ""}${tidy.slice(start, end).trim()}${end < tidy.length ? "…" : ""}`;

  if (!pattern) return [{ text: excerpt, match: false }];
  return excerpt
    .split(pattern)
    .filter((part) => part !== "")
    .map((part) => ({ text: part, match: terms.includes(part.toLowerCase()) }));
}
