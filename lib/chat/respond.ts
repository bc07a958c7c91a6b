import "server-only";
import {
  createUIMessageStream,
  createUIMessageStreamResponse,
  streamText,
  type ToolSet,
  toUIMessageStream,
} from "ai";
import { condenseQuestion } from "@/lib/ai/condense";
import { packContext, type Turn } from "@/lib/ai/context-budget";
import { getEmbedder } from "@/lib/ai/embeddings";
import { readableChatError } from "@/lib/ai/model-errors";
import { formatPassage, systemPrompt } from "@/lib/ai/prompts";
import { getChatModel } from "@/lib/ai/providers";
import type { DocumentKind } from "@/lib/config/constants";
import { env } from "@/lib/config/env";
import { saveChat } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { documentKinds } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { retrieve } from "@/lib/rag/retrieve";
import { type Passage, selectPassages } from "@/lib/rag/select-passages";
import { countTokens } from "@/lib/text/tokenizer";
import { continuesConversation } from "./continuity";
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
}: {
  searchQuery: string;
  documentIds?: string[];
  signal: AbortSignal;
}): Promise<CitationDetails[]> {
  const config = env();
  const embedder = getEmbedder();
  const { chunks: candidates } = await retrieve({
    query: searchQuery,
    topK: config.RETRIEVAL_TOP_K * CANDIDATES_PER_PASSAGE,
    documentIds,
    minSimilarity: embedder.offline ? undefined : config.RETRIEVAL_MIN_SIMILARITY,
    signal,
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

/**
 * Answers the last user message as a UI message stream: condense the question with the history,
 * retrieve and select passages, send them as `source-document` parts at once, then stream the
 * model's answer grounded in them. Closing the request aborts the model call.
 */
export function streamChatResponse({
  chatId,
  messages,
  documentIds,
  useDocuments,
  signal,
}: {
  /** The conversation is saved under this id once the answer is complete (or stopped). */
  chatId?: string;
  messages: ChatUIMessage[];
  documentIds?: string[];
  useDocuments: boolean;
  signal: AbortSignal;
}): Response {
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

  const stream = createUIMessageStream<ChatUIMessage>({
    originalMessages: messages,
    onError: readableChatError,
    onEnd: async ({ messages: conversation, responseMessage }) => {
      // An answer with no text (it failed before its first token) is not saved: the chat keeps its last
      // good state, or is not created, and the person retries from the error shown in the page. An
      // answer stopped or broken off midway is saved as far as the page showed it.
      if (!chatId || !messageText(responseMessage).trim()) return;
      try {
        const outcome = await saveChat(await getDb(), {
          id: chatId,
          messages: conversation,
          // Another request for this chat may have saved turns while this answer streamed.
          canReplace: (stored) => continuesConversation(stored, messages),
        });
        if (outcome !== "saved") console.warn(`[chat] answer for chat ${chatId} not saved: ${outcome}`);
      } catch (error) {
        console.error("[chat] could not save the conversation", chatId, error);
      }
    },
    execute: async ({ writer }) => {
      const searchQuery = useDocuments
        ? await condenseQuestion({ turns, model, offline: info.offline, signal })
        : undefined;
      const found = searchQuery ? await findPassages({ searchQuery, documentIds, signal }) : [];

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

      writer.write({ type: "start", messageMetadata: metadata });
      // Sources go out as soon as retrieval is done, before the first answer token.
      for (const passage of packed.passages) {
        writer.write({
          type: "source-document",
          sourceId: String(passage.citation),
          mediaType: "text/plain",
          title: passage.documentName,
          filename: passage.documentName,
          providerMetadata: { rag: passage },
        });
      }

      const result = streamText({
        model,
        instructions: systemPrompt({ passages: packed.passages, useDocuments }),
        messages: [...packed.history, question].map((turn) => ({ role: turn.role, content: turn.text })),
        temperature: config.CHAT_TEMPERATURE,
        maxOutputTokens: config.CHAT_MAX_OUTPUT_TOKENS,
        abortSignal: signal,
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
  return createUIMessageStreamResponse({ stream });
}
