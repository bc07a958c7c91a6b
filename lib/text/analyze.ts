import { stemmer } from "stemmer";
import { STOPWORDS } from "@/lib/text/stopwords";

const WORD = /[\p{L}\p{N}]+(?:[_'’.-][\p{L}\p{N}]+)*/gu;
/** Anything but printable ASCII and line breaks: text without it needs no Unicode normalisation. */
const NOT_PLAIN = /[^\t\n\r -~]/;
/** A word that the split below would cut: a separator inside it, or a lower-case letter then a capital. */
const SEVERAL_PARTS = /[_'’.-]|[\p{Ll}\p{N}]\p{Lu}/u;

/** Lower-cases, strips accents and splits identifiers such as `max_chunk_size` or `maxChunkSize` into parts too. */
function words(text: string): string[] {
  const result: string[] = [];
  // Most text is ASCII, and most words are one part: both checks skip work that costs more than the
  // rest of the analysis (measured on the flex manual's chunks).
  const plain = NOT_PLAIN.test(text) ? text.normalize("NFKD").replace(/\p{M}/gu, "") : text;
  for (const raw of plain.match(WORD) ?? []) {
    if (!SEVERAL_PARTS.test(raw)) {
      result.push(raw.toLowerCase());
      continue;
    }
    const parts = raw
      .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
      .split(/[\s_'’.-]+/)
      .filter(Boolean);
    const whole = raw.toLowerCase().replace(/['’]s$/, "");
    if (parts.length > 1) {
      result.push(whole.replace(/['’]/g, ""));
      for (const part of parts) result.push(part.toLowerCase());
    } else {
      result.push(whole);
    }
  }
  return result;
}

const stemCache = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{L}+$/u.test(word) ? stemmer(word) : word;
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

function isContentWord(word: string): boolean {
  if (word.length > 40 || STOPWORDS.has(word)) return false;
  return word.length > 1 || /\p{N}/u.test(word);
}

/** The index terms of a text: stemmed content words, in order, repeated as often as they occur. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) if (isContentWord(word)) terms.push(stem(word));
  return terms;
}

/** The content words of a text, lower-cased but not stemmed, each with its index term. */
export function contentWords(text: string): { word: string; term: string }[] {
  return words(text)
    .filter(isContentWord)
    .map((word) => ({ word, term: stem(word) }));
}
