import { countTokens } from "@/lib/text/tokenizer";

export type Turn = { role: "user" | "assistant"; text: string };

// Chat templates add a few tokens per message (role markers, separators).
const MESSAGE_OVERHEAD_TOKENS = 4;
/** Passages may take this share of what is left after the system prompt and question. */
const PASSAGE_SHARE = 0.75;
/** Kept free for counting differences between cl100k_base and the serving endpoint's template. */
const SAFETY_MARGIN = 0.02;

const turnTokens = (turn: Turn) => countTokens(turn.text) + MESSAGE_OVERHEAD_TOKENS;

export type PackedContext<P> = {
  passages: P[];
  history: Turn[];
  droppedHistory: number;
  promptTokens: number;
};

/**
 * Fits a turn into the model's window with cl100k_base counts, keeping `maxOutputTokens` (and a
 * small margin) free for the answer: the system prompt and the question always go in; passages,
 * best first, may take most of the rest; earlier turns fill what remains, newest first. Returns
 * null when even the question does not fit.
 */
export function packContext<P>({
  rulesTokens,
  passages,
  passageTokens,
  history,
  question,
  windowTokens,
  maxOutputTokens,
}: {
  /** Tokens of the system prompt without passages. */
  rulesTokens: number;
  passages: P[];
  /** Tokens a passage adds to the system prompt, formatted as the prompt shows it. */
  passageTokens: (passage: P) => number;
  history: Turn[];
  question: Turn;
  windowTokens: number;
  maxOutputTokens: number;
}): PackedContext<P> | null {
  const fixed = rulesTokens + MESSAGE_OVERHEAD_TOKENS + turnTokens(question);
  const available = windowTokens - maxOutputTokens - Math.ceil(windowTokens * SAFETY_MARGIN);
  let remaining = available - fixed;
  if (remaining < 0) return null;

  const keptPassages: P[] = [];
  let passageBudget = Math.floor(remaining * PASSAGE_SHARE);
  let passagesTotal = 0;
  for (const passage of passages) {
    const tokens = passageTokens(passage);
    if (tokens > passageBudget) break;
    keptPassages.push(passage);
    passageBudget -= tokens;
    remaining -= tokens;
    passagesTotal += tokens;
  }

  const keptHistory: Turn[] = [];
  let historyTotal = 0;
  for (let n = history.length - 1; n >= 0; n--) {
    const tokens = turnTokens(history[n]);
    if (tokens > remaining) break;
    keptHistory.unshift(history[n]);
    remaining -= tokens;
    historyTotal += tokens;
  }
  // A conversation must start with the user; drop a leading assistant turn left by the cut.
  while (keptHistory[0]?.role === "assistant") historyTotal -= turnTokens(keptHistory.shift() as Turn);

  return {
    passages: keptPassages,
    history: keptHistory,
    droppedHistory: history.length - keptHistory.length,
    promptTokens: fixed + passagesTotal + historyTotal,
  };
}
