import { locatePassage, type TextRange } from "@/lib/text/locate-passage";

/** A region of a page as fractions of its width and height: [left, top, right, bottom]. */
export type PageBox = [number, number, number, number];

/** A run of text on a PDF page as pdf.js's getTextContent gives it (user-space units). */
export type PdfTextItem = {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
};

/** The page's text as one string, with where each piece starts in it. */
function joinPieces(pieces: string[], separators: string[]): { text: string; starts: number[] } {
  let text = "";
  const starts: number[] = [];
  pieces.forEach((piece, n) => {
    starts.push(text.length);
    text += piece + separators[n];
  });
  return { text, starts };
}

/** For each piece the ranges cover, the covered share of it: [from, to] as fractions of its characters. */
function coveredShares(pieces: string[], starts: number[], ranges: TextRange[]) {
  const covered: { piece: number; from: number; to: number }[] = [];
  for (const range of ranges) {
    pieces.forEach((piece, n) => {
      const start = Math.max(range.start, starts[n]);
      const end = Math.min(range.end, starts[n] + piece.length);
      if (end > start && piece.length > 0)
        covered.push({
          piece: n,
          from: (start - starts[n]) / piece.length,
          to: (end - starts[n]) / piece.length,
        });
    });
  }
  return covered;
}

/**
 * Boxes over the passage on a page with a text layer. `toPage` turns a user-space rectangle
 * [x1, y1, x2, y2] into a page box (pdf.js's viewport at scale 1, divided by its size). The part of an
 * item that holds the passage is taken as its share of the item's characters: glyph widths are not known here.
 */
export function textLayerBoxes(
  items: PdfTextItem[],
  passage: string,
  toPage: (rectangle: [number, number, number, number]) => PageBox,
): PageBox[] {
  const pieces = items.map((item) => item.str);
  const { text, starts } = joinPieces(
    pieces,
    items.map((item) => (item.hasEOL ? "\n" : " ")),
  );
  return coveredShares(pieces, starts, locatePassage(passage, text)).map(({ piece, from, to }) => {
    const { transform, width, height } = items[piece];
    const [, , skewY, scaleY, x, y] = transform;
    const size = height || Math.hypot(skewY, scaleY);
    // Descenders go below the baseline by about a fifth of the font size.
    return toPage([x + width * from, y - size * 0.2, x + width * to, y + size]);
  });
}

/** What textLayerBoxes needs of pdf.js's PageViewport at scale 1. */
type Viewport = {
  width: number;
  height: number;
  convertToViewportRectangle: (rectangle: number[]) => number[];
};

/** A user-space rectangle as a page box, through the page's viewport at scale 1. */
export function pageFractions(viewport: Viewport) {
  return (rectangle: [number, number, number, number]): PageBox => {
    const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(rectangle);
    return [
      Math.min(x1, x2) / viewport.width,
      Math.min(y1, y2) / viewport.height,
      Math.max(x1, x2) / viewport.width,
      Math.max(y1, y2) / viewport.height,
    ];
  };
}

/** A word OCR read, its box as fractions of the page. */
export type OcrWord = { text: string; box: PageBox };

/** The boxes of the words OCR read where the passage is, one per word. */
export function ocrBoxes(words: OcrWord[], passage: string): PageBox[] {
  const pieces = words.map((word) => word.text);
  const { text, starts } = joinPieces(
    pieces,
    pieces.map(() => " "),
  );
  const boxes = new Set<number>();
  for (const { piece } of coveredShares(pieces, starts, locatePassage(passage, text))) boxes.add(piece);
  return [...boxes].sort((a, b) => a - b).map((n) => words[n].box);
}

/** The box at the top of a set, to scroll it into view. */
export function topmost(boxes: PageBox[]): PageBox | null {
  return boxes.reduce<PageBox | null>((top, box) => (!top || box[1] < top[1] ? box : top), null);
}
