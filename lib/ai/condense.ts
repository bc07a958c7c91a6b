import "server-only";
import { generateText, type LanguageModel } from "ai";
import type { Turn } from "./context-budget";
import { CONDENSE_INSTRUCTIONS, condenseTranscript } from "./prompts";

/** Turns included when rewriting a follow-up; older ones rarely change what "it" refers to. */
const CONDENSE_TURNS = 6;

/**
 * The search query for the last question. A first question is used as it is. A follow-up is
 * rewritten with the conversation into a standalone query by the model (the conversational chain);
 * the offline answerer has no model to do that, so it searches with the previous question's words
 * added, which is what a lexical search needs to resolve "it".
 */
export async function condenseQuestion({
  turns,
  model,
  offline,
  signal,
}: {
  turns: Turn[];
  model: LanguageModel;
  offline: boolean;
  signal?: AbortSignal;
}): Promise<string> {
  const question = turns.at(-1)?.text ?? "";
  const earlierQuestions = turns.slice(0, -1).filter((turn) => turn.role === "user");
  if (earlierQuestions.length === 0) return question;
  if (offline) return `${earlierQuestions.at(-1)?.text ?? ""} ${question}`.trim();

  let text: string;
  try {
    ({ text } = await generateText({
      model,
      instructions: CONDENSE_INSTRUCTIONS,
      prompt: condenseTranscript(turns.slice(-CONDENSE_TURNS)),
      temperature: 0,
      maxOutputTokens: 128,
      abortSignal: signal,
    }));
  } catch (error) {
    if (signal?.aborted) throw error;
    // Searching with the question as asked beats failing the turn; the answer call reports real outages.
    console.warn("[condense] could not rewrite the follow-up; searching with it as asked", error);
    return `${earlierQuestions.at(-1)?.text ?? ""} ${question}`.trim();
  }
  const query = text.trim().replace(/^["']|["']$/g, "");
  return query || question;
}
