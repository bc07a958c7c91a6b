// Finding a cited passage in the text of its page, for the viewer's highlight (client-safe).
//
// The passage is the chunk as indexed: line breaks joined, hyphenation at line ends removed, a split
// table's header repeated. The page is what the PDF's text layer, OCR or the extractor gives. Both are
// compared as runs of letters and digits only (NFKD, marks and case dropped, ligatures expanded), so
// whitespace, hyphens, ligatures and punctuation never stand between them.

/** A span of the page's text, in UTF-16 offsets: [start, end). */
export type TextRange = { start: number; end: number };

type Folded = { chars: string; starts: number[]; ends: number[] };

/** Letters and digits of `text`, folded, each with the source span it came from. */
function fold(text: string): Folded {
  let chars = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const character of text) {
    const end = offset + character.length;
    const folded = character
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, "");
    for (const char of folded) {
      chars += char;
      starts.push(offset);
      ends.push(end);
    }
    offset = end;
  }
  return { chars, starts, ends };
}

/** Characters a run starts from: long enough that a chance match elsewhere on a page is rare. */
const GRAM = 12;
/** Occurrences of one gram compared before taking the one that runs longest: repetitive text (a table of
 * contents, boilerplate notes) holds many. */
const MAX_CANDIDATES = 100;
/** Runs this close on the page (in folded characters) are one highlight: an OCR slip, a page number. */
const MAX_GAP = 24;
/** Found when this share of the passage is on the page (less for the page a passage only starts or ends on). */
const MIN_SHARE = 0.5;
const MIN_CHARS = 40;
/** Fewest matched characters of one highlighted range. */
const MIN_RANGE_CHARS = 2 * GRAM;

/** Characters a and b have in common from a[from] and b[at], within a[..aEnd) and b[..bEnd). */
function commonLength(a: string, from: number, aEnd: number, b: string, at: number, bEnd: number): number {
  let length = 0;
  while (from + length < aEnd && at + length < bEnd && a[from + length] === b[at + length]) length++;
  return length;
}

type Run = { start: number; end: number };

/**
 * The passage's runs on the page, in the order both read: the longest run that any gram of
 * wanted[from..to) starts within chars[at..end) is placed first, then what comes before it is
 * looked for before it on the page, and what comes after, after it. Anchoring on the longest run
 * keeps a phrase that the page repeats elsewhere from pulling the rest out of place.
 */
function alignRuns(wanted: string, from: number, to: number, chars: string, at: number, end: number): Run[] {
  if (to - from < GRAM || end - at < GRAM) return [];
  let best = { from: -1, at: -1, length: 0 };
  for (let start = from; start + GRAM <= to; start += GRAM / 2) {
    const gram = wanted.slice(start, start + GRAM);
    for (
      let found = chars.indexOf(gram, at), tries = 0;
      found >= 0 && found + GRAM <= end && tries < MAX_CANDIDATES;
      tries++
    ) {
      // Back to where the run starts, then forward to where it ends.
      let back = 0;
      while (start - back > from && found - back > at && wanted[start - back - 1] === chars[found - back - 1])
        back++;
      const length = back + commonLength(wanted, start, to, chars, found, end);
      if (length > best.length) best = { from: start - back, at: found - back, length };
      found = chars.indexOf(gram, found + 1);
    }
  }
  if (best.length < GRAM) return [];
  return [
    ...alignRuns(wanted, from, best.from, chars, at, best.at),
    { start: best.at, end: best.at + best.length },
    ...alignRuns(wanted, best.from + best.length, to, chars, best.at + best.length, end),
  ];
}

/**
 * The ranges of `page` that hold `passage`, in page order; [] when too little of it is there to say.
 * A passage that runs over onto the next page is found by its part on each page.
 */
export function locatePassage(passage: string, page: string): TextRange[] {
  const wanted = fold(passage).chars;
  const text = fold(page);
  if (wanted.length === 0 || text.chars.length === 0) return [];

  let runs: Run[];
  if (wanted.length < GRAM) {
    const at = text.chars.indexOf(wanted);
    runs = at >= 0 ? [{ start: at, end: at + wanted.length }] : [];
  } else runs = alignRuns(wanted, 0, wanted.length, text.chars, 0, text.chars.length);

  const merged: { start: number; end: number; matched: number }[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && run.start - last.end <= MAX_GAP) {
      // Runs can overlap on the page (a repeated word matched twice): count the page's characters once.
      last.matched += Math.max(0, run.end - Math.max(run.start, last.end));
      last.end = Math.max(last.end, run.end);
    } else merged.push({ ...run, matched: run.end - run.start });
  }
  // Scattered short matches are not the passage: a table of contents holds its headings too.
  const kept = merged.filter((range) => range.matched >= Math.min(MIN_RANGE_CHARS, wanted.length));
  const atEdge = (range: { start: number; end: number }) =>
    range.start <= MAX_GAP || range.end >= text.chars.length - MAX_GAP;
  const enough = kept.some(
    (range) => range.matched >= Math.min(wanted.length * MIN_SHARE, MIN_CHARS) || atEdge(range),
  );
  if (!enough) return [];
  return kept.map((run) => ({ start: text.starts[run.start], end: text.ends[run.end - 1] }));
}

/** `text` cut at the ranges' edges: the pieces in order, each marked as inside a range or not. */
export function splitAtRanges(text: string, ranges: TextRange[]): { text: string; highlighted: boolean }[] {
  const pieces: { text: string; highlighted: boolean }[] = [];
  let offset = 0;
  for (const range of ranges) {
    if (range.start > offset) pieces.push({ text: text.slice(offset, range.start), highlighted: false });
    pieces.push({ text: text.slice(range.start, range.end), highlighted: true });
    offset = range.end;
  }
  if (offset < text.length) pieces.push({ text: text.slice(offset), highlighted: false });
  return pieces;
}
