import "server-only";
import {
  createUIMessageStream,
  generateId,
  type InferUIMessageChunk,
  streamText,
  type ToolSet,
  toUIMessageStream,
} from "ai";
import { readableChatError } from "@/lib/ai/model-errors";
import { extractiveAnswer } from "@/lib/ai/offline-answerer";
import { formatPassage, type PromptPassage, summaryPrompt, systemPrompt } from "@/lib/ai/prompts";
import { getChatModel } from "@/lib/ai/providers";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { findDocument, listDocumentsByStatus } from "@/lib/db/documents";
import type { DocumentRow } from "@/lib/db/schema";
import { findSummaryNotes, saveSummaryNotes } from "@/lib/db/summary-notes";
import { AppError } from "@/lib/errors";
import { documentPages } from "@/lib/summary/document-pages";
import { extractiveSummary } from "@/lib/summary/extractive";
import { mapBudget, mapUnits, type Note, reduceNotes } from "@/lib/summary/map-reduce";
import { type PageText, packPages } from "@/lib/summary/pack-pages";
import { countTokens } from "@/lib/text/tokenizer";
import { Timings } from "@/lib/timings";
import { messageText } from "./message-parts";
import { type AnswerRequest, sourcePart } from "./respond";
import type { ChatMetadata, ChatTask, ChatUIMessage, CitationDetails, WholeReading } from "./types";

/** A summary reads at most this many documents; more is a request for a search, not a summary. */
export const MAX_WHOLE_DOCUMENTS = 50;
/** Kept free for counting differences between cl100k_base and the endpoint's chat template. */
const SAFETY_MARGIN = 0.02;

type ScopeDocument = { row: DocumentRow; pages: PageText[] };

async function readScope(documentIds: string[] | undefined): Promise<ScopeDocument[]> {
  const db = await getDb();
  const rows = documentIds
    ? (await Promise.all(documentIds.map((id) => findDocument(db, id)))).filter(
        (row): row is DocumentRow => row?.status === "ready",
      )
    : await listDocumentsByStatus(db, ["ready"]);
  if (rows.length === 0)
    throw new AppError("bad_request", "There is no indexed document to read. Upload one first.");
  if (rows.length > MAX_WHOLE_DOCUMENTS) {
    throw new AppError(
      "bad_request",
      `Choose at most ${MAX_WHOLE_DOCUMENTS} documents to read whole; ${rows.length} are in the scope.`,
    );
  }
  return Promise.all(rows.map(async (row) => ({ row, pages: await documentPages(row) })));
}

const pageCount = (scope: ScopeDocument[]) =>
  scope.reduce((sum, document) => sum + document.pages.filter((page) => page.text.trim()).length, 0);

function noteCitation(note: Note, citation: number): CitationDetails {
  return {
    citation,
    documentId: note.documentId,
    documentName: note.documentName,
    page: note.firstPage,
    pageEnd: note.lastPage,
    text: note.text,
    score: 1,
  };
}

/** Every page of the scope as a passage of its own, for a scope that fits in one call. */
function pagePassages(scope: ScopeDocument[]): CitationDetails[] {
  const passages: CitationDetails[] = [];
  for (const { row, pages } of scope) {
    for (const { page, text } of pages) {
      if (!text.trim()) continue;
      passages.push({
        citation: passages.length + 1,
        documentId: row.id,
        documentName: row.name,
        documentKind: row.kind,
        page,
        pageEnd: page,
        text,
        score: 1,
      });
    }
  }
  return passages;
}

const passagesTokens = (passages: PromptPassage[]) =>
  passages.reduce((sum, passage) => sum + countTokens(`${formatPassage(passage)}\n\n`), 0);

/**
 * A summary of the scope, or a question answered from its whole text rather than from top-k
 * passages, as a UI message stream like any answer. With a model: when the text fits in the
 * window it goes in whole, page by page; otherwise map-reduce (notes on each window-full of pages,
 * a few calls at a time, then the answer from the notes, cited by page range). Offline: the most
 * central sentences of each section, quoted, in reading order (extractive, and labelled so).
 */
export function wholeAnswerStream({
  task,
  messages,
  documentIds,
  signal,
  answerId = generateId(),
  timings = new Timings(),
  onEnd,
  admitted,
}: AnswerRequest & { task: ChatTask }): ReadableStream<InferUIMessageChunk<ChatUIMessage>> {
  const config = env();
  const { model, info } = getChatModel();
  const question = messages.at(-1);
  if (question?.role !== "user")
    throw new AppError("bad_request", "The last message must be the user's question.");
  const questionText = messageText(question).trim();

  return createUIMessageStream<ChatUIMessage>({
    originalMessages: messages,
    generateId: () => answerId,
    onError: readableChatError,
    onEnd: async ({ responseMessage }) => {
      await onEnd?.(messageText(responseMessage).trim() ? responseMessage : null);
    },
    execute: async ({ writer }) => {
      const scope = await timings.measure("read", () => readScope(documentIds));
      const pages = pageCount(scope);
      const reading: WholeReading = {
        documents: scope.length,
        pages,
        mapCalls: 0,
        cachedDocuments: 0,
        extractive: false,
      };
      const metadata: ChatMetadata = {
        mode: info.offline ? "offline" : "model",
        model: info.label,
        usedDocuments: true,
        task,
        reading,
      };
      if ((await admitted) === false || signal.aborted) return;
      writer.write({ type: "start", messageId: answerId, messageMetadata: metadata });
      writer.write({
        type: "data-progress",
        data: { readPages: 0, totalPages: pages, calls: 0, totalCalls: 0 },
        transient: true,
      });

      if (info.offline) {
        const { text, sources } =
          task === "summarize" ? offlineSummary(scope) : offlineWholeAnswer(questionText, scope);
        reading.extractive = task === "summarize";
        for (const source of sources) writer.write(sourcePart(source));
        writer.write({ type: "text-start", id: "answer" });
        for (const piece of text.match(/[^\n]*\n*/g) ?? []) {
          if (signal.aborted) break;
          if (piece) writer.write({ type: "text-delta", id: "answer", delta: piece });
        }
        writer.write({ type: "text-end", id: "answer" });
        writer.write({ type: "finish", messageMetadata: { ...metadata, reading } });
        return;
      }

      const windowTokens = info.contextTokens;
      const rules =
        task === "summarize" ? summaryPrompt([]) : systemPrompt({ passages: [], useDocuments: true });
      const finalBudget =
        Math.floor(windowTokens * (1 - SAFETY_MARGIN)) -
        config.CHAT_MAX_OUTPUT_TOKENS -
        countTokens(rules) -
        countTokens(questionText) -
        16;

      let passages: CitationDetails[] = task === "whole-document" ? pagePassages(scope) : [];
      if (task === "summarize" || passagesTokens(passages) > finalBudget) {
        const notes = await notesFor({
          task,
          scope,
          question: questionText,
          model: { model, id: info.label },
          windowTokens,
          signal,
          reading,
          onProgress: (progress) => writer.write({ type: "data-progress", data: progress, transient: true }),
        });
        const reduced = await reduceNotes({ model, notes, budgetTokens: finalBudget, windowTokens, signal });
        passages = reduced.map((note, n) => ({
          ...noteCitation(note, n + 1),
          documentKind: scope.find((document) => document.row.id === note.documentId)?.row.kind,
        }));
      }
      const instructions =
        task === "summarize" ? summaryPrompt(passages) : systemPrompt({ passages, useDocuments: true });
      metadata.context = {
        windowTokens,
        promptTokens: countTokens(instructions) + countTokens(questionText),
        maxOutputTokens: config.CHAT_MAX_OUTPUT_TOKENS,
        passages: passages.length,
        historyMessages: 0,
        droppedHistoryMessages: 0,
      };
      for (const passage of passages) writer.write(sourcePart(passage));

      const result = streamText({
        model,
        instructions,
        prompt: task === "summarize" ? `Summarise: ${questionText}` : questionText,
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
                  reading,
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

/** The map step for the scope; a summary reuses, and keeps, each document's notes per model. */
async function notesFor({
  task,
  scope,
  question,
  model,
  windowTokens,
  signal,
  reading,
  onProgress,
}: {
  task: ChatTask;
  scope: ScopeDocument[];
  question: string;
  model: { model: ReturnType<typeof getChatModel>["model"]; id: string };
  windowTokens: number;
  signal: AbortSignal;
  reading: WholeReading;
  onProgress: (progress: {
    readPages: number;
    totalPages: number;
    calls: number;
    totalCalls: number;
  }) => void;
}): Promise<Note[]> {
  const db = await getDb();
  const cached = new Map<string, Note[]>();
  if (task === "summarize") {
    for (const { row } of scope) {
      const notes = await findSummaryNotes(db, { document: row, model: model.id });
      if (notes) cached.set(row.id, notes);
    }
  }
  reading.cachedDocuments = cached.size;
  const toRead = scope.filter(({ row }) => !cached.has(row.id));
  const units = packPages(
    toRead.map(({ row, pages }) => ({ id: row.id, name: row.name, pages })),
    mapBudget(windowTokens, task === "whole-document" ? question : undefined),
  );
  const cachedPages = pageCount(scope) - pageCount(toRead);
  const mapped = await mapUnits({
    model: model.model,
    units,
    question: task === "whole-document" ? question : undefined,
    signal,
    onProgress: (progress) => {
      reading.mapCalls = progress.calls;
      onProgress({ ...progress, readPages: progress.readPages + cachedPages, totalPages: pageCount(scope) });
    },
  });
  if (task === "summarize") {
    for (const { row } of toRead) {
      const notes = mapped.filter((note) => note.documentId === row.id);
      await saveSummaryNotes(db, { document: row, model: model.id, notes });
      cached.set(row.id, notes);
    }
  }
  // Reading order: the scope's documents in turn, each document's notes in page order.
  return task === "summarize" ? scope.flatMap(({ row }) => cached.get(row.id) ?? []) : mapped;
}

const EXTRACTIVE_LABEL =
  "**Extractive summary** (offline): the most central sentences of each section, quoted in reading order. Connect DBRX for a written summary.";

/** The offline summary: each document's most central sentences, each cited by its page. */
function offlineSummary(scope: ScopeDocument[]): { text: string; sources: CitationDetails[] } {
  const sources: CitationDetails[] = [];
  const sections = [EXTRACTIVE_LABEL];
  for (const { row, pages } of scope) {
    const sentences = extractiveSummary(pages);
    if (sentences.length === 0) continue;
    const lines = sentences.map((sentence) => {
      const citation = sources.length + 1;
      sources.push({
        citation,
        documentId: row.id,
        documentName: row.name,
        documentKind: row.kind,
        page: sentence.page,
        pageEnd: sentence.page,
        text: sentence.text,
        score: 1,
      });
      return `- ${sentence.text} [${citation}]`;
    });
    sections.push(`### ${row.name}\n\n${lines.join("\n")}`);
  }
  if (sources.length === 0) sections.push("No sentence of these documents could be quoted as a summary.");
  return { text: `${sections.join("\n\n")}\n`, sources };
}

/** Offline, a whole-document question is answered like any other, from every page at once. */
function offlineWholeAnswer(
  question: string,
  scope: ScopeDocument[],
): { text: string; sources: CitationDetails[] } {
  const passages = pagePassages(scope);
  const text = extractiveAnswer(question, passages);
  const cited = new Set([...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
  return { text, sources: passages.filter((passage) => cited.has(passage.citation)) };
}
