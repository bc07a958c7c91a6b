import "server-only";
import { generateText, type LanguageModel } from "ai";
import pLimit from "p-limit";
import {
  formatPassage,
  MAP_SUMMARY_INSTRUCTIONS,
  mapQuestionInstructions,
  REDUCE_NOTES_INSTRUCTIONS,
} from "@/lib/ai/prompts";
import { countTokens } from "@/lib/text/tokenizer";
import type { PageUnit } from "./pack-pages";

/** Map calls in flight at once: enough to keep a serving endpoint busy, few enough not to be rate limited. */
export const MAP_CONCURRENCY = 3;
/** The room each map call leaves for its notes. */
export const MAP_OUTPUT_TOKENS = 768;
/** Kept free for counting differences between cl100k_base and the endpoint's chat template. */
const SAFETY_MARGIN = 0.02;
/** Role markers and the document's name line around a call's pages. */
const CALL_OVERHEAD_TOKENS = 64;

/** What a map call wrote about a run of pages of one document. */
export type Note = Pick<PageUnit, "documentId" | "documentName" | "firstPage" | "lastPage"> & {
  text: string;
};

/** The most tokens of pages one map call may carry in a window of `windowTokens`. */
export function mapBudget(windowTokens: number, question?: string): number {
  const instructions = question ? mapQuestionInstructions(question) : MAP_SUMMARY_INSTRUCTIONS;
  return Math.floor(
    windowTokens * (1 - SAFETY_MARGIN) - MAP_OUTPUT_TOKENS - countTokens(instructions) - CALL_OVERHEAD_TOKENS,
  );
}

export type MapProgress = { readPages: number; totalPages: number; calls: number; totalCalls: number };

/**
 * The map step: one call per unit, `MAP_CONCURRENCY` at a time, in reading order in the result.
 * Aborting `signal` aborts every call in flight and starts no more. With a question, units where
 * nothing helps answer it are left out.
 */
export async function mapUnits({
  model,
  units,
  question,
  signal,
  onProgress,
}: {
  model: LanguageModel;
  units: PageUnit[];
  question?: string;
  signal: AbortSignal;
  onProgress?: (progress: MapProgress) => void;
}): Promise<Note[]> {
  const limit = pLimit(MAP_CONCURRENCY);
  const totalPages = units.reduce((sum, unit) => sum + unit.pages, 0);
  let readPages = 0;
  let calls = 0;
  const instructions = question ? mapQuestionInstructions(question) : MAP_SUMMARY_INSTRUCTIONS;
  const notes = await Promise.all(
    units.map((unit) =>
      limit(async () => {
        signal.throwIfAborted();
        const { text } = await generateText({
          model,
          instructions,
          prompt: `Document: ${unit.documentName}\n\n${unit.text}`,
          temperature: 0,
          maxOutputTokens: MAP_OUTPUT_TOKENS,
          abortSignal: signal,
        });
        readPages += unit.pages;
        calls += 1;
        onProgress?.({ readPages, totalPages, calls, totalCalls: units.length });
        const { documentId, documentName, firstPage, lastPage } = unit;
        return { documentId, documentName, firstPage, lastPage, text: text.trim() };
      }),
    ),
  ).finally(() => limit.clearQueue());
  return notes.filter((note) => note.text && !(question && /^NONE\.?$/i.test(note.text)));
}

const noteTokens = (note: Note, citation: number) =>
  countTokens(`${formatPassage({ ...note, citation, page: note.firstPage, pageEnd: note.lastPage })}\n\n`);

/**
 * Merges notes until they fit in `budgetTokens` (as the final call's passages): consecutive notes
 * of one document that fit in one call are merged into one, recursively. Notes of many documents
 * or of a very long one rarely need it: a map call's notes are about 1/40 of its pages.
 */
export async function reduceNotes({
  model,
  notes,
  budgetTokens,
  windowTokens,
  signal,
}: {
  model: LanguageModel;
  notes: Note[];
  budgetTokens: number;
  windowTokens: number;
  signal: AbortSignal;
}): Promise<Note[]> {
  const total = notes.reduce((sum, note, n) => sum + noteTokens(note, n + 1), 0);
  if (total <= budgetTokens || notes.length <= 1) return notes;
  const groupBudget = mapBudget(windowTokens);
  const groups: Note[][] = [];
  let used = 0;
  for (const [n, note] of notes.entries()) {
    const tokens = noteTokens(note, n + 1);
    const last = groups.at(-1);
    if (last && last[0].documentId === note.documentId && used + tokens <= groupBudget) {
      last.push(note);
      used += tokens;
    } else {
      groups.push([note]);
      used = tokens;
    }
  }
  // Nothing to merge (each group one note): keep the first notes that fit rather than loop.
  if (groups.length === notes.length) {
    let kept = 0;
    return notes.filter((note, n) => {
      kept += noteTokens(note, n + 1);
      return kept <= budgetTokens;
    });
  }
  const limit = pLimit(MAP_CONCURRENCY);
  const merged = await Promise.all(
    groups.map((group) =>
      limit(async () => {
        if (group.length === 1) return group[0];
        const { text } = await generateText({
          model,
          instructions: REDUCE_NOTES_INSTRUCTIONS,
          prompt: group
            .map((note) => `Notes on pages ${note.firstPage ?? "?"}–${note.lastPage ?? "?"}:\n${note.text}`)
            .join("\n\n"),
          temperature: 0,
          maxOutputTokens: MAP_OUTPUT_TOKENS * 2,
          abortSignal: signal,
        });
        return { ...group[0], lastPage: group.at(-1)?.lastPage ?? group[0].lastPage, text: text.trim() };
      }),
    ),
  );
  return reduceNotes({ model, notes: merged, budgetTokens, windowTokens, signal });
}
