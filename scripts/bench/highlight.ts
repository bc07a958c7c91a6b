// How well the viewer places cited passages on their PDF pages: every chunk indexing makes of the
// fixture manuals, located in pdf.js's text layer of the pages it cites (what the browser gets), with
// the share of its letters and digits highlighted and the time one page takes.
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api";
import { Chunker } from "@/lib/ingest/chunk";
import { extract } from "@/lib/ingest/extract";
import { locatePassage, splitAtRanges } from "@/lib/text/locate-passage";

const MANUALS = ["speex-manual.pdf", "flex-manual.pdf", "libtasn1-manual.pdf", "autoconf-manual.pdf"];
const letters = (text: string) => text.normalize("NFKD").replace(/[^\p{L}\p{N}]/gu, "").length;

async function pageTexts(file: string): Promise<string[]> {
  const pdf = await getDocument({ url: file, isEvalSupported: false, verbosity: 0 }).promise;
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const items = content.items.filter((item): item is TextItem => "str" in item);
    texts.push(items.map((item) => item.str + (item.hasEOL ? "\n" : " ")).join(""));
  }
  await pdf.destroy();
  return texts;
}

export async function benchHighlight() {
  console.log("\nHighlight: indexed chunks placed on their pages' pdf.js text layer");
  for (const name of MANUALS) {
    const file = path.resolve(import.meta.dirname, "../../e2e/fixtures", name);
    const extracted = await extract({ kind: "pdf", file, limits: { maxUnzippedBytes: 1 << 30 } });
    const chunker = new Chunker({ chunkTokens: 512, overlapTokens: 64 });
    const chunks = [];
    for await (const batch of extracted.pages)
      for (const { page, text } of batch) chunks.push(...chunker.push(text, page));
    chunks.push(...chunker.flush());
    const pages = await pageTexts(file);
    let located = 0;
    let locates = 0;
    // Per chunk: highlighted letters over the passage's, short of it (missed) or beyond it (spilled).
    const shares: number[] = [];
    const started = performance.now();
    for (const chunk of chunks) {
      if (chunk.page === null) continue;
      let found = false;
      let highlighted = 0;
      for (let page = chunk.page; page <= (chunk.pageEnd ?? chunk.page); page++) {
        const text = pages[page - 1] ?? "";
        const ranges = locatePassage(chunk.text, text);
        locates++;
        if (ranges.length > 0) found = true;
        highlighted += splitAtRanges(text, ranges)
          .filter((piece) => piece.highlighted)
          .reduce((sum, piece) => sum + letters(piece.text), 0);
      }
      shares.push(highlighted / letters(chunk.text));
      if (found) located++;
    }
    const milliseconds = (performance.now() - started) / locates;
    const percent = (count: number) => `${((100 * count) / shares.length).toFixed(1)}%`;
    const covered = shares.reduce((sum, share) => sum + Math.min(1, share), 0);
    console.log(
      `  ${name.padEnd(22)} ${String(chunks.length).padStart(4)} chunks: ${percent(located)} located, ${percent(covered)} of their letters highlighted, ${percent(shares.filter((share) => share < 0.9).length)} under 90%, ${percent(shares.filter((share) => share > 1.1).length)} spilling over 110%; ${milliseconds.toFixed(2)} ms a page`,
    );
  }
}

if (process.argv[1] === import.meta.filename) await benchHighlight();
