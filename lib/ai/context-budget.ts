import { countTokens } from "@/lib/ingest/tokenizer";

export type Turn = { role: "user" | "assistant"; text: string };

// Chat templates add a few tokens per message (role markers, separators).
const MESSAGE_OVERHEAD_TOKENS = 4;
/** Passages may take this share of what is left after the system prompt and question. */
const PASSAGE_SHARE = 0.75;
/** The <passage id="…" document="…" pages="…"> wrapper around each passage. */
const PASSAGE_WRAPPER_TOKENS = 24;

const turnTokens = (turn: Turn) => countTokens(turn.text) + MESSAGE_OVERHEAD_TOKENS;

export type PackedContext<P> = {
  passages: P[];
  history: Turn[];
  droppedHistory: number;
  promptTokens: number;
};

/**
 * Fits a turn into the model's window with cl100k_base counts, keeping `maxOutputTokens` free for
 * the answer: the system prompt and the question always go in; passages, best first, may take most
 * of the rest; earlier turns fill what remains, newest first. Returns null when even the question
 * does not fit.
 */
export function packContext<P extends { text: string }>({
  rulesTokens,
  passages,
  history,
  question,
  windowTokens,
  maxOutputTokens,
}: {
  /** Tokens of the system prompt without passages. */
  rulesTokens: number;
  passages: P[];
  history: Turn[];
  question: Turn;
  windowTokens: number;
  maxOutputTokens: number;
}): PackedContext<P> | null {
  const fixed = rulesTokens + turnTokens(question);
  let remaining = windowTokens - maxOutputTokens - fixed;
  if (remaining < 0) return null;

  const keptPassages: P[] = [];
  let passageBudget = Math.floor(remaining * PASSAGE_SHARE);
  for (const passage of passages) {
    const tokens = countTokens(passage.text) + PASSAGE_WRAPPER_TOKENS;
    if (tokens > passageBudget) break;
    keptPassages.push(passage);
    passageBudget -= tokens;
    remaining -= tokens;
  }

  const keptHistory: Turn[] = [];
  for (let n = history.length - 1; n >= 0; n--) {
    const tokens = turnTokens(history[n]);
    if (tokens > remaining) break;
    keptHistory.unshift(history[n]);
    remaining -= tokens;
  }
  // A conversation must start with the user; drop a leading assistant turn left by the cut.
  while (keptHistory[0]?.role === "assistant") keptHistory.shift();

  const passageTokens = keptPassages.reduce(
    (sum, passage) => sum + countTokens(passage.text) + PASSAGE_WRAPPER_TOKENS,
    0,
  );
  const historyTokens = keptHistory.reduce((sum, turn) => sum + turnTokens(turn), 0);
  return {
    passages: keptPassages,
    history: keptHistory,
    droppedHistory: history.length - keptHistory.length,
    promptTokens: fixed + passageTokens + historyTokens,
  };
}
