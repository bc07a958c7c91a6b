// PPTX presentations, run inside the ingestion worker thread: each slide is a page (its number as the
// page, so citations name the slide), its text in reading order (titles, text boxes, tables, row by
// row), then its speaker notes. The archive is read with yauzl after the zip guard, its XML with
// fast-xml-parser.
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { AppError } from "@/lib/errors";
import { markdownTable } from "./markdown-table";
import { singleBatch } from "./text";
import type { ExtractedDocument, ExtractLimits, PageText } from "./types";
import { checkZipExpansion, readZipEntries } from "./zip-guard";

const DAMAGED_MESSAGE = "This file could not be read as a PPTX presentation: it may be damaged.";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  preserveOrder: true,
  trimValues: false,
});

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

const children = (node: Node, name: string): Node[] => (node[name] as Node[] | undefined) ?? [];
const tag = (node: Node) => Object.keys(node).find((key) => key !== ":@") ?? "";

/** The text of a DrawingML body: one line per paragraph (<a:p>), runs (<a:t>) joined. */
function paragraphs(nodes: Node[]): string[] {
  const lines: string[] = [];
  const walk = (list: Node[], line: string[] | null) => {
    for (const node of list) {
      const name = tag(node);
      if (name === "#text" && line) line.push(String(node["#text"]));
      else if (name === "a:p") {
        const own: string[] = [];
        walk(children(node, name), own);
        const text = own.join("").replace(/\s+/g, " ").trim();
        if (text) lines.push(text);
      } else if (name === "a:tbl") {
        const rows = children(node, name)
          .filter((row) => tag(row) === "a:tr")
          .map((row) =>
            children(row, "a:tr")
              .filter((cell) => tag(cell) === "a:tc")
              .map((cell) => paragraphs(children(cell, "a:tc")).join(" ")),
          );
        if (rows.length > 0) lines.push(`\n${markdownTable(rows)}\n`);
      } else if (name === "a:br" && line) line.push(" ");
      else if (name !== "#text") walk(children(node, name), line);
    }
  };
  walk(nodes, null);
  return lines;
}

/** Relationship id → target part, for a part's .rels file. */
function relationships(xml: Buffer | undefined, from: string): Map<string, string> {
  const targets = new Map<string, string>();
  if (!xml) return targets;
  for (const root of parser.parse(xml.toString("utf8")) as Node[])
    for (const rel of children(root, "Relationships")) {
      const attributes = rel[":@"];
      if (tag(rel) === "Relationship" && attributes?.["@Id"] && attributes["@Target"])
        targets.set(attributes["@Id"], path.posix.join(path.posix.dirname(from), attributes["@Target"]));
    }
  return targets;
}

export async function extractPptx(file: string, limits: ExtractLimits): Promise<ExtractedDocument> {
  let pages: PageText[];
  try {
    await checkZipExpansion(file, { maxUnzippedBytes: limits.maxUnzippedBytes });
    const parts = await readZipEntries(file, (name) => name.startsWith("ppt/") && /\.(xml|rels)$/.test(name));
    const presentation = parts.get("ppt/presentation.xml");
    if (!presentation) throw new Error("no ppt/presentation.xml");
    const targets = relationships(parts.get("ppt/_rels/presentation.xml.rels"), "ppt/presentation.xml");
    // Slides in the order the presentation shows them (p:sldIdLst), not their file names'.
    const order: string[] = [];
    const visit = (list: Node[]) => {
      for (const node of list) {
        const name = tag(node);
        if (name === "p:sldId") {
          const target = targets.get(node[":@"]?.["@r:id"] ?? "");
          if (target) order.push(target);
        } else if (name !== "#text") visit(children(node, name));
      }
    };
    visit(parser.parse(presentation.toString("utf8")) as Node[]);
    pages = order.map((slide, n) => {
      const xml = parts.get(slide);
      const text = xml ? paragraphs(parser.parse(xml.toString("utf8")) as Node[]) : [];
      const slideRels = relationships(
        parts.get(path.posix.join(path.posix.dirname(slide), "_rels", `${path.posix.basename(slide)}.rels`)),
        slide,
      );
      const notesPart = [...slideRels.values()].find((target) => target.includes("notesSlide"));
      const notesXml = notesPart ? parts.get(notesPart) : undefined;
      // The notes page repeats the slide number as a text field: only lines with letters are notes.
      const notes = notesXml
        ? paragraphs(parser.parse(notesXml.toString("utf8")) as Node[]).filter((line) => /\p{L}/u.test(line))
        : [];
      const body = [...text, ...(notes.length > 0 ? ["", "Notes:", ...notes] : [])].join("\n");
      return { page: n + 1, text: body };
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("unprocessable", DAMAGED_MESSAGE, { cause: error });
  }
  if (pages.length === 0) throw new AppError("unprocessable", "This presentation has no slides.");
  return {
    kind: "pptx",
    pageCount: pages.length,
    pages: singleBatch(pages),
  };
}
