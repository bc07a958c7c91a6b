import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
  SharedV4ProviderOptions,
} from "@ai-sdk/provider";
import { analyze } from "@/lib/text/analyze";
import { countTokens } from "@/lib/text/tokenizer";
import type { PromptPassage } from "./prompts";

const MAX_SENTENCES = 3;
export const SENTENCE = /(?<=[.!?])\s+(?=["'([]?[\p{Lu}\p{N}])/u;

export const OFFLINE_NO_DOCUMENTS_ANSWER =
  "The offline answerer can only quote your documents, and they are switched off for this question. " +
  "Connect DBRX (set `DATABRICKS_HOST` and `DATABRICKS_TOKEN`) for answers from the model's own knowledge.";

export const OFFLINE_NOT_FOUND_ANSWER =
  "Your documents do not seem to contain the answer to this question: no passage matches it.";

/** What the offline answerer answers from, passed as data beside the prompt that a model would read. */
type OfflineInput = { grounded: boolean; passages: PromptPassage[] };

/** The streamText `providerOptions` that give the offline answerer its input (other models ignore them). */
export function offlineOptions({
  useDocuments,
  passages,
}: {
  useDocuments: boolean;
  passages: PromptPassage[];
}): SharedV4ProviderOptions {
  const input: OfflineInput = {
    grounded: useDocuments,
    passages: passages.map(({ citation, documentName, page, pageEnd, text }) => ({
      citation,
      documentName,
      page,
      pageEnd,
      text,
    })),
  };
  return { offline: input };
}

function lastQuestion(options: LanguageModelV4CallOptions): string {
  const lastUser = options.prompt.filter((message) => message.role === "user").at(-1);
  return lastUser?.role === "user"
    ? lastUser.content.map((part) => (part.type === "text" ? part.text : "")).join(" ")
    : "";
}

type Scored = { sentence: string; citation: number; score: number; order: number };

/**
 * The sentences of the passages that share the most (rare) words with the question, each with its
 * passage's citation, in document order.
 */
export function extractiveAnswer(question: string, passages: PromptPassage[]): string {
  const questionTerms = new Set(analyze(question));
  const sentences = passages.flatMap((passage) =>
    passage.text
      .replace(/\s+/g, " ")
      .split(SENTENCE)
      .map((sentence) => ({ sentence: sentence.trim(), citation: passage.citation })),
  );
  const frequency = new Map<string, number>();
  const sentenceTerms = sentences.map(({ sentence }) => new Set(analyze(sentence)));
  for (const terms of sentenceTerms)
    for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);

  const scored: Scored[] = sentences.map(({ sentence, citation }, order) => {
    let score = 0;
    for (const term of questionTerms) {
      if (sentenceTerms[order].has(term))
        score += Math.log(1 + sentences.length / (frequency.get(term) ?? 1));
    }
    // Prefer sentences a person can read on their own over fragments and long tables.
    if (sentence.length < 25 || sentence.length > 600) score *= 0.5;
    return { sentence, citation, score, order };
  });
  const best = scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.order - b.order);
  if (best.length === 0) return OFFLINE_NOT_FOUND_ANSWER;
  const lines = best.map((entry) => `> ${entry.sentence} [${entry.citation}]`);
  return `The most relevant passages in your documents say:\n\n${lines.join("\n>\n")}`;
}

function answerFor(options: LanguageModelV4CallOptions): string {
  const input = options.providerOptions?.offline as OfflineInput | undefined;
  if (!input?.grounded) return OFFLINE_NO_DOCUMENTS_ANSWER;
  return input.passages.length === 0
    ? OFFLINE_NOT_FOUND_ANSWER
    : extractiveAnswer(lastQuestion(options), input.passages);
}

function usage(options: LanguageModelV4CallOptions, answer: string): LanguageModelV4Usage {
  const input = options.prompt.reduce(
    (sum, message) =>
      sum +
      countTokens(
        typeof message.content === "string"
          ? message.content
          : message.content.map((part) => ("text" in part ? part.text : "")).join(""),
      ),
    0,
  );
  const output = countTokens(answer);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

/** Splits text into small pieces (a few words each) so the answer streams like a model's. */
function pieces(text: string): string[] {
  return (
    text.match(/\S+\s*|\s+/g)?.reduce<string[]>((chunks, word, n) => {
      if (n % 3 === 0) chunks.push(word);
      else chunks[chunks.length - 1] += word;
      return chunks;
    }, []) ?? []
  );
}

/**
 * The built-in answerer used when no model is configured: an AI SDK language model, so it runs
 * through the same streamText path as DBRX. It quotes the passages' sentences that best match the
 * question, with their citations, and says so when nothing matches.
 */
export class OfflineAnswerer implements LanguageModelV4 {
  readonly specificationVersion = "v4" as const;
  readonly provider = "offline";
  readonly modelId = "extractive-answerer";
  readonly supportedUrls = {};
  private readonly delayMs: number;

  constructor({ delayMs = 8 }: { delayMs?: number } = {}) {
    this.delayMs = delayMs;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const answer = answerFor(options);
    return {
      content: [{ type: "text", text: answer }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: usage(options, answer),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const answer = answerFor(options);
    const delayMs = this.delayMs;
    const signal = options.abortSignal;
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      async start(controller) {
        controller.enqueue({ type: "stream-start", warnings: [] });
        controller.enqueue({ type: "text-start", id: "answer" });
        for (const piece of pieces(answer)) {
          if (signal?.aborted) break;
          controller.enqueue({ type: "text-delta", id: "answer", delta: piece });
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
        controller.enqueue({ type: "text-end", id: "answer" });
        controller.enqueue({
          type: "finish",
          finishReason: { unified: signal?.aborted ? "other" : "stop", raw: undefined },
          usage: usage(options, answer),
        });
        controller.close();
      },
    });
    return { stream };
  }
}
