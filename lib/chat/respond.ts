import "server-only";
import {
  createUIMessageStream,
  generateId,
  type InferUIMessageChunk,
  streamText,
  type ToolSet,
  toUIMessageStream,
} from "ai";
import { condenseQuestion } from "@/lib/ai/condense";
import { packContext, type Turn } from "@/lib/ai/context-budget";
import { getEmbedder } from "@/lib/ai/embeddings";
import { readableChatError } from "@/lib/ai/model-errors";
import { offlineOptions } from "@/lib/ai/offline-answerer";
import { formatPassage, systemPrompt } from "@/lib/ai/prompts";
import { getChatModel } from "@/lib/ai/providers";
import type { DocumentKind } from "@/lib/config/constants";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { documentKinds } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { retrieve } from "@/lib/rag/retrieve";
import { type Passage, selectPassages } from "@/lib/rag/select-passages";
import { countTokens } from "@/lib/text/tokenizer";
import { Timings } from "@/lib/timings";
import { messageText, withoutCitationMarkers } from "./message-parts";
import type { ChatMetadata, ChatUIMessage, CitationDetails } from "./types";

/** Retrieval fetches this many candidates per passage that finally goes into the prompt. */
const CANDIDATES_PER_PASSAGE = 3;

/**
 * The conversation as plain turns, alternating user and assistant as chat templates require
 * (a question left without an answer is joined to the next one). Old citation numbers are dropped:
 * they refer to old passages.
 */
export function toTurns(messages: ChatUIMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.role !== "user" && message.role !== "assistant") continue;
    const raw = messageText(message).trim();
    const text = message.role === "assistant" ? withoutCitationMarkers(raw) : raw;
    if (!text) continue;
    const previous = turns.at(-1);
    if (previous?.role === message.role) previous.text = `${previous.text}\n\n${text}`;
    else turns.push({ role: message.role, text });
  }
  return turns;
}

function toCitation(passage: Passage, citation: number, kinds: Map<string, DocumentKind>): CitationDetails {
  const { documentId, documentName, page, pageEnd, text, score } = passage;
  return {
    citation,
    documentId,
    documentName,
    documentKind: kinds.get(documentId),
    page,
    pageEnd,
    text,
    score,
  };
}

async function findPassages({
  searchQuery,
  documentIds,
  signal,
  timings,
}: {
  searchQuery: string;
  documentIds?: string[];
  signal: AbortSignal;
  timings: Timings;
}): Promise<CitationDetails[]> {
  const config = env();
  const embedder = getEmbedder();
  const { chunks: candidates } = await retrieve({
    query: searchQuery,
    topK: config.RETRIEVAL_TOP_K * CANDIDATES_PER_PASSAGE,
    documentIds,
    minSimilarity: embedder.offline ? undefined : config.RETRIEVAL_MIN_SIMILARITY,
    signal,
    timings,
  });
  const passages = selectPassages(candidates, {
    topK: config.RETRIEVAL_TOP_K,
    relativeThreshold: config.RETRIEVAL_RELATIVE_THRESHOLD,
    minScore: null,
  });
  // A slide is cited as a slide: the kind is the document's, not the chunk's.
  const kinds = await documentKinds(await getDb(), [
    ...new Set(passages.map((passage) => passage.documentId)),
  ]);
  return passages.map((passage, n) => toCitation(passage, n + 1, kinds));
}

export type AnswerRequest = {
  /** The conversation, ending with the question to answer. */
  messages: ChatUIMessage[];
  documentIds?: string[];
  useDocuments: boolean;
  /** Ends the model call (and every call of a summary). */
  signal: AbortSignal;
  /** The answer message's id; the saved answer and the streamed one carry the same. */
  answerId?: string;
  /** Receives the phases before the first token: history (by the caller), condense, retrieval, packing. */
  timings?: Timings;
  /** Called once the answer has ended, completed or stopped; null when it has no text (it failed before its first token). */
  onEnd?: (answer: ChatUIMessage | null) => Promise<void>;
  /**
   * True once the turn is saved, false when it is refused: the search runs meanwhile, but nothing
   * is streamed or sent to the model before.
   */
  admitted?: Promise<boolean>;
};

/**
 * Answers the last user message as a UI message stream: condense the question with the history,
 * retrieve and select passages, send them as `source-document` parts at once, then stream the
 * model's answer grounded in them. `signal` aborts the model call.
 */
export function answerStream({
  messages,
  documentIds,
  useDocuments,
  signal,
  answerId = generateId(),
  timings = new Timings(),
  onEnd,
  admitted,
}: AnswerRequest): ReadableStream<InferUIMessageChunk<ChatUIMessage>> {
  const config = env();
  const { model, info } = getChatModel();
  const turns = toTurns(messages);
  const question = turns.at(-1);
  if (question?.role !== "user") {
    throw new AppError("bad_request", "The last message must be the user's question.");
  }
  const baseMetadata: ChatMetadata = {
    mode: info.offline ? "offline" : "model",
    model: info.label,
    usedDocuments: useDocuments,
  };

  return createUIMessageStream<ChatUIMessage>({
    originalMessages: messages,
    generateId: () => answerId,
    onError: readableChatError,
    onEnd: async ({ responseMessage }) => {
      // An answer stopped or broken off midway is kept as far as it got.
      await onEnd?.(messageText(responseMessage).trim() ? responseMessage : null);
    },
    execute: async ({ writer }) => {
      const searchQuery = useDocuments
        ? await timings.measure("condense", () =>
            condenseQuestion({ turns, model, offline: info.offline, signal }),
          )
        : undefined;
      const found = searchQuery ? await findPassages({ searchQuery, documentIds, signal, timings }) : [];

      const packStarted = performance.now();
      const rules = systemPrompt({ passages: [], useDocuments });
      const packed = packContext({
        rulesTokens: countTokens(rules),
        passages: found,
        // "\n\n" joins passages inside the system prompt.
        passageTokens: (passage) => countTokens(`${formatPassage(passage)}\n\n`),
        history: turns.slice(0, -1),
        question,
        windowTokens: info.contextTokens,
        maxOutputTokens: config.CHAT_MAX_OUTPUT_TOKENS,
      });
      if (!packed) {
        throw new AppError(
          "bad_request",
          "This question is too long for the model's context window. Shorten it and ask again.",
        );
      }
      const instructions = systemPrompt({ passages: packed.passages, useDocuments });
      timings.add("pack", performance.now() - packStarted);
      const metadata: ChatMetadata = {
        ...baseMetadata,
        searchQuery,
        context: {
          windowTokens: info.contextTokens,
          promptTokens: packed.promptTokens,
          maxOutputTokens: config.CHAT_MAX_OUTPUT_TOKENS,
          passages: packed.passages.length,
          historyMessages: packed.history.length,
          droppedHistoryMessages: packed.droppedHistory,
        },
      };

      if ((await admitted) === false || signal.aborted) return;
      writer.write({ type: "start", messageId: answerId, messageMetadata: metadata });
      // Where the time before the first token went, for `npm run bench`; not kept in the message.
      writer.write({ type: "data-timings", data: timings.toJSON(), transient: true });
      // Sources go out as soon as retrieval is done, before the first answer token.
      for (const passage of packed.passages) writer.write(sourcePart(passage));

      const result = streamText({
        model,
        instructions,
        messages: [...packed.history, question].map((turn) => ({ role: turn.role, content: turn.text })),
        temperature: config.CHAT_TEMPERATURE,
        maxOutputTokens: config.CHAT_MAX_OUTPUT_TOKENS,
        abortSignal: signal,
        // The offline answerer reads the passages as data, not back out of the prompt.
        providerOptions: offlineOptions({ useDocuments, passages: packed.passages }),
      });
      writer.merge(
        toUIMessageStream<ToolSet, ChatUIMessage>({
          stream: result.stream,
          sendStart: false,
          sendSources: false,
          onError: readableChatError,
          messageMetadata: ({ part }) =>
            part.type === "finish"
              ? {
                  ...metadata,
                  usage: {
                    inputTokens: part.totalUsage.inputTokens ?? null,
                    outputTokens: part.totalUsage.outputTokens ?? null,
                  },
                }
              : undefined,
        }),
      );
    },
  });
}

export function sourcePart(passage: CitationDetails): InferUIMessageChunk<ChatUIMessage> {
  return {
    type: "source-document",
    sourceId: String(passage.citation),
    mediaType: "text/plain",
    title: passage.documentName,
    filename: passage.documentName,
    providerMetadata: { rag: passage },
  };
}
