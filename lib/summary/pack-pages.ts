import { splitToFit } from "@/lib/ingest/split-to-fit";
import { countTokens } from "@/lib/text/tokenizer";

/** A document's text on one page (page null for kinds without pages). */
export type PageText = { page: number | null; text: string };

/** Pages of one document that go into one model call, each marked with its number. */
export type PageUnit = {
  documentId: string;
  documentName: string;
  firstPage: number | null;
  lastPage: number | null;
  /** How many pages it holds (a page too long for one call counts in the unit holding its start). */
  pages: number;
  text: string;
  tokens: number;
};

export function pageBlock({ page, text }: PageText): string {
  return page === null ? text : `<page n="${page}">\n${text}\n</page>`;
}

/**
 * Cuts documents into units of consecutive pages, each at most `budgetTokens` by cl100k_base, in
 * reading order: as few model calls as the window allows. A page longer than the budget on its own
 * is cut at sentences (then words) into several units.
 */
export function packPages(
  documents: { id: string; name: string; pages: PageText[] }[],
  budgetTokens: number,
): PageUnit[] {
  const units: PageUnit[] = [];
  for (const document of documents) {
    let current: PageUnit | null = null;
    const close = () => {
      if (current) units.push(current);
      current = null;
    };
    const add = (page: PageText, text: string, tokens: number, counts: boolean) => {
      // Joined by "\n\n", counted as two more tokens at most.
      if (current && current.tokens + tokens + 2 > budgetTokens) close();
      current ??= {
        documentId: document.id,
        documentName: document.name,
        firstPage: page.page,
        lastPage: page.page,
        pages: 0,
        text: "",
        tokens: 0,
      };
      current.text = current.text ? `${current.text}\n\n${text}` : text;
      current.tokens += tokens + (current.tokens > 0 ? 2 : 0);
      current.lastPage = page.page;
      if (counts) current.pages += 1;
    };
    for (const page of document.pages) {
      if (!page.text.trim()) continue;
      const block = pageBlock(page);
      const tokens = countTokens(block);
      if (tokens <= budgetTokens) {
        add(page, block, tokens, true);
        continue;
      }
      // Room for the page marker around each piece.
      const pieces = splitToFit(page.text, budgetTokens - 16);
      let text = "";
      let first = true;
      const flush = () => {
        if (!text) return;
        const piece = pageBlock({ page: page.page, text });
        add(page, piece, countTokens(piece), first);
        first = false;
        text = "";
      };
      for (const piece of pieces) {
        const joined = text ? `${text}${piece.continuesRun ? "" : " "}${piece.text}` : piece.text;
        if (countTokens(joined) > budgetTokens - 16) {
          flush();
          text = piece.text;
        } else text = joined;
      }
      flush();
    }
    close();
  }
  return units;
}
