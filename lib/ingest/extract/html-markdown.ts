// HTML to Markdown for extraction (DOCX through mammoth's HTML, and HTML files), run inside the
// ingestion worker thread: headings stay headings, so chunks get their section paths, and tables
// become Markdown tables, so that no cell is glued to its neighbour.
import { gfm } from "@joplin/turndown-plugin-gfm";
import TurndownService from "turndown";

let service: TurndownService | undefined;

/** Elements that a data table's cell does not hold; a table whose cells do is laying out a page. */
const LAYOUT_CONTENT = "table, h1, h2, h3, h4, h5, h6, ul, ol, form, blockquote, pre";

function layoutTable(node: HTMLElement): HTMLElement | null {
  const table = node.closest("table");
  if (!table) return null;
  // The outermost table decides: a table inside a layout table is laid out too.
  const outer = table.parentElement?.closest("table");
  if (outer) return layoutTable(outer) ?? (table.querySelector(LAYOUT_CONTENT) ? table : null);
  return table.querySelector(LAYOUT_CONTENT) ? table : null;
}

function turndown(): TurndownService {
  if (!service) {
    service = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced" });
    service.use(gfm);
    // Rules added later are tried first. Images are not text (mammoth inlines them as data: URLs),
    // and a link is indexed and shown as its words, not its address.
    service.addRule("image", { filter: "img", replacement: () => "" });
    service.addRule("linkText", { filter: "a", replacement: (content) => content });
    // Added after the table plugin, so checked before its rules (turndown tries the newest rule first),
    // which would keep such a table as raw HTML: a table that lays
    // out a page (navigation, headings and lists in its cells) is read as its cells' content.
    service.addRule("layoutTable", {
      filter: (node) =>
        ["TABLE", "THEAD", "TBODY", "TFOOT", "TR", "TH", "TD"].includes(node.nodeName) &&
        layoutTable(node) !== null,
      replacement: (content) => `\n\n${content}\n\n`,
    });
    // Not text: scripts, styles, embedded objects.
    service.remove(["script", "style", "noscript", "template", "iframe", "object", "head"]);
  }
  return service;
}

/** An empty header row, which the table plugin writes for a table without <th> cells. */
const EMPTY_HEADER = /^\|(\s*\|)+$/;

/**
 * Tables as they are best read and counted: cells without the padding that aligns columns, and a
 * table without a header row (a Word table, usually: its first row is the header in all but markup)
 * with its first row as the header, so that the header repeated in each chunk means something.
 */
function tidyTables(markdown: string): string {
  const lines = markdown
    .split("\n")
    .map((line) => (/^\|.*\|$/.test(line.trim()) ? line.trim().replace(/ {2,}/g, " ") : line));
  for (let n = 0; n + 2 < lines.length; n++) {
    if (EMPTY_HEADER.test(lines[n].trim()) && /^\|(\s*-{3,}\s*\|)+$/.test(lines[n + 1].trim())) {
      lines.splice(n, 3, lines[n + 2], lines[n + 1]);
    }
  }
  return lines.join("\n");
}

export function htmlToMarkdown(html: string): string {
  return tidyTables(turndown().turndown(html));
}
