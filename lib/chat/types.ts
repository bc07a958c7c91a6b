// Types shared by the chat route and the chat page (type only: safe for client code).
import type { UIMessage } from "ai";
import type { DocumentKind } from "@/lib/config/constants";

/** How much of the model's context window the turn used, counted with cl100k_base. */
export type ContextUsage = {
  windowTokens: number;
  promptTokens: number;
  /** Reserved for the answer. */
  maxOutputTokens: number;
  passages: number;
  /** Earlier messages that fitted in the window (the oldest are dropped first). */
  historyMessages: number;
  droppedHistoryMessages: number;
};

export type ChatMetadata = {
  /** "offline" is the built-in extractive answerer; anything else names the model endpoint. */
  mode: "offline" | "model";
  model: string;
  usedDocuments: boolean;
  /** The search query retrieval ran with: the question rewritten to stand alone, for follow-ups. */
  searchQuery?: string;
  context?: ContextUsage;
  /** Tokens the model reported for the turn (the offline answerer counts with cl100k_base); null when not reported. */
  usage?: TokenUsage;
  /** Absent for an answer from retrieved passages. */
  task?: ChatTask;
  /** How a summary or whole-document answer read its documents. */
  reading?: WholeReading;
};

/** "summarize": a summary of the scope; "whole-document": a question answered from the scope's whole text. */
export type ChatTask = "summarize" | "whole-document";

export type WholeReading = {
  documents: number;
  pages: number;
  /** Map calls made for this answer (0: the text fitted in one call, came from the cache, or offline). */
  mapCalls: number;
  /** Documents whose notes came from the summary cache. */
  cachedDocuments: number;
  /** The offline summary: sentences quoted from the documents, not written by a model. */
  extractive: boolean;
};

export type TokenUsage = { inputTokens: number | null; outputTokens: number | null };

/** How far a summary has read, sent while it is written (transient: not kept in the message). */
export type SummaryProgress = { readPages: number; totalPages: number; calls: number; totalCalls: number };

/** Data parts of the chat's stream; both are transient, read through useChat's onData. */
export type ChatDataParts = {
  /** Milliseconds per phase before the first token (history, condense, retrieval, rerank, pack). */
  timings: Record<string, number>;
  progress: SummaryProgress;
};

export type ChatUIMessage = UIMessage<ChatMetadata, ChatDataParts>;

/** What each `source-document` part carries in `providerMetadata.rag`. */
export type CitationDetails = {
  citation: number;
  documentId: string;
  documentName: string;
  /** Absent in chats saved before it was recorded. */
  documentKind?: DocumentKind;
  /** 1-based; a slide's number for PPTX. */
  page: number | null;
  pageEnd: number | null;
  text: string;
  score: number;
};

/** Extra fields the chat page sends with useChat's default body ({id, messages, trigger}). */
export type ChatRequestOptions = {
  /** Limit retrieval to these documents; omitted means all documents. */
  documentIds?: string[];
  /** false asks the model without any passages (the compare view's "without documents" side). */
  useDocuments?: boolean;
  /** false: answer without saving the chat (the compare view). */
  save?: boolean;
  /** Summarise the scope, or answer from its whole text, instead of from retrieved passages. */
  task?: ChatTask;
};

/** What the chat page needs to know about the configured model. */
export type ChatModelInfo = {
  offline: boolean;
  label: string;
  contextTokens: number;
};
