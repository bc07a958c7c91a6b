import { stemmer } from "stemmer";

// Function words that carry no topic; matching on them only adds noise.
const STOPWORDS = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most my " +
    "myself no nor not now of off on once only or other our ours ourselves out over own same she should so " +
    "some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves also may might must shall us let get got whose within without upon via per"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}]+(?:[_'’.-][\p{L}\p{N}]+)*/gu;

/** Lower-cases, strips accents and splits identifiers such as `max_chunk_size` or `maxChunkSize` into parts too. */
function words(text: string): string[] {
  const result: string[] = [];
  for (const match of text.normalize("NFKD").replace(/\p{M}/gu, "").matchAll(WORD)) {
    const raw = match[0];
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

/** The index terms of a text: stemmed content words, in order, repeated as often as they occur. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (word.length > 40 || STOPWORDS.has(word)) continue;
    if (word.length === 1 && !/\p{N}/u.test(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}
