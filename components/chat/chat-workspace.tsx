"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, generateId } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatSummary } from "@/lib/chat/chat-json";
import { questionBefore } from "@/lib/chat/message-parts";
import { turnRequestBody } from "@/lib/chat/turn-request";
import type { ChatModelInfo, ChatRequestOptions, ChatUIMessage, CitationDetails } from "@/lib/chat/types";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { ArrowDownIcon } from "../icons";
import { ChatDropzone } from "./chat-dropzone";
import { ChatError } from "./chat-error";
import { ChatMessage } from "./chat-message";
import { ChatSidebar } from "./chat-sidebar";
import { ChatUploads } from "./chat-uploads";
import { CitationViewer } from "./citation-viewer";
import { CompareView } from "./compare-view";
import { Composer } from "./composer";
import { ContextMeter } from "./context-meter";
import { EmptyChat } from "./empty-chat";
import { errorMessage } from "./error-message";
import { ModeLabel } from "./mode-label";
import { PendingAnswer, StoppedBeforeAnswer } from "./pending-answer";
import { ScopePicker } from "./scope-picker";
import { useChatDocuments } from "./use-chat-documents";
import { UseDocumentsSwitch } from "./use-documents-switch";
import { useFollowScroll } from "./use-follow-scroll";
import { SUMMARIZE_COMMAND, useSummary } from "./use-summary";

type CompareRequest = { key: number; question: string; history: ChatUIMessage[]; documentIds?: string[] };

/** The chat: one conversation with the documents, its controls, the compare view and past chats. */
export function ChatWorkspace({
  chatId,
  initialMessages,
  initialChats,
  initialDocuments,
  suggestions,
  modelInfo,
  maxUploadMb,
  summarize,
}: {
  chatId?: string;
  initialMessages?: ChatUIMessage[];
  initialChats: ChatSummary[];
  initialDocuments: DocumentJson[];
  suggestions: string[];
  modelInfo: ChatModelInfo;
  maxUploadMb: number;
  /** Documents to summarise as the chat opens (`?summarize=`). */
  summarize?: string[];
}) {
  const { documents, scope, setScope, uploads, addFiles, cancel, dismiss, announcement } = useChatDocuments({
    initialDocuments,
    maxUploadMb,
  });
  const [useDocuments, setUseDocuments] = useState(true);
  const [input, setInput] = useState("");
  const [openCitation, setOpenCitation] = useState<CitationDetails | null>(null);
  const [compare, setCompare] = useState<CompareRequest | null>(null);
  const [statusMessage, setStatusMessage] = useState("");
  const [finishedAnswers, setFinishedAnswers] = useState(0);
  const [id] = useState(() => chatId ?? generateId());
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // Deleted documents drop out of the scope; nothing chosen means all documents.
  const documentIds = scope.filter((id) => documents.some((document) => document.id === id));
  const scopedIds = documentIds.length > 0 ? documentIds : undefined;

  // The transport reads the latest choices when it sends, including on regenerate and retry.
  const requestOptions = useRef<ChatRequestOptions>({ useDocuments: true });
  useEffect(() => {
    requestOptions.current = { documentIds: scopedIds, useDocuments };
  });
  const [transport] = useState(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: (request) => ({ body: turnRequestBody(request, requestOptions.current) }),
      }),
  );
  const { messages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatUIMessage>({
    id,
    messages: initialMessages,
    transport,
    throttle: 50,
    // A saved chat may have an answer being written (a reload, a second tab): read it from its start.
    resume: chatId !== undefined,
    onFinish: () => setFinishedAnswers((count) => count + 1),
    onData: (part) => onSummaryData(part),
  });
  const {
    progress,
    summarise,
    onData: onSummaryData,
  } = useSummary({
    documents,
    summarize,
    send: (message, options) => void sendMessage(message, options),
  });
  const busy = status === "submitted" || status === "streaming";

  // The server saves the question as the answer starts, so from then on a reload finds the chat.
  useEffect(() => {
    const path = `/chat/${encodeURIComponent(id)}`;
    if (status === "streaming" && window.location.pathname !== path)
      window.history.replaceState(null, "", path);
  }, [status, id]);

  const stopAnswer = useCallback(() => {
    // The answer outlives this page's request, so the server is told to stop it as well.
    void fetch(`/api/chat/${encodeURIComponent(id)}/stream`, { method: "DELETE" }).catch(() => {});
    void stop();
  }, [id, stop]);
  const { container, content, atEnd, scrollToEnd } = useFollowScroll({ active: messages.length > 0 });

  const previousStatus = useRef(status);
  useEffect(() => {
    if (previousStatus.current === "streaming" && status === "ready")
      setStatusMessage("The answer is complete.");
    if (status === "submitted")
      setStatusMessage(useDocuments ? "Searching your documents…" : "Asking the model…");
    previousStatus.current = status;
  }, [status, useDocuments]);

  // Focus the question field on arrival, where a keyboard is at hand (not on phones).
  useEffect(() => {
    if (window.matchMedia("(pointer: fine)").matches) inputRef.current?.focus();
  }, []);

  const ask = useCallback(
    (question: string) => {
      const text = question.trim();
      if (!text || busy) return;
      if (SUMMARIZE_COMMAND.test(text)) summarise(scopedIds);
      else void sendMessage({ text });
      setInput("");
      scrollToEnd();
    },
    [busy, sendMessage, scrollToEnd, summarise, scopedIds],
  );

  const askSuggestion = useCallback(
    (question: string) => {
      ask(question);
      inputRef.current?.focus();
    },
    [ask],
  );

  const retry = useCallback(() => {
    clearError();
    void regenerate();
    scrollToEnd();
  }, [clearError, regenerate, scrollToEnd]);

  const onCompare = useCallback(
    (question: string) => {
      // Both sides get the conversation before the question, so a follow-up is compared in context.
      const asked = messages.findLastIndex((message) => message.role === "user");
      const history = asked > 0 ? messages.slice(0, asked) : [];
      setCompare({ key: Date.now(), question, history, documentIds: requestOptions.current.documentIds });
    },
    [messages],
  );

  const lastAssistant = messages.findLastIndex((message) => message.role === "assistant");
  const lastTurn = messages.findLast((message) => message.metadata?.context)?.metadata;
  const unanswered = messages.at(-1)?.role === "user";

  return (
    <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
      <ChatSidebar currentChatId={id} initialChats={initialChats} refreshKey={finishedAnswers} />
      <ChatDropzone onFiles={addFiles} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
        <p aria-live="polite" className="sr-only">
          {statusMessage}
        </p>

        <div ref={container} className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
          <section
            ref={content}
            aria-label="Conversation"
            className="mx-auto max-w-3xl space-y-6 px-4 py-6 sm:px-6"
          >
            {messages.length === 0 ? (
              <EmptyChat
                documentCount={documents.length}
                suggestions={suggestions}
                onAsk={askSuggestion}
                modelInfo={modelInfo}
                useDocuments={useDocuments}
              />
            ) : (
              messages.map((message, index) => (
                <ChatMessage
                  key={message.id}
                  message={message}
                  question={message.role === "assistant" ? questionBefore(messages, index) : null}
                  latest={index === lastAssistant && index === messages.length - 1}
                  streaming={busy && index === messages.length - 1 && message.role === "assistant"}
                  busy={busy}
                  onOpenCitation={setOpenCitation}
                  onRegenerate={retry}
                  onCompare={onCompare}
                />
              ))
            )}
            {unanswered && busy && <PendingAnswer useDocuments={useDocuments} />}
            {busy && progress && progress.totalPages > 0 && (
              <p data-testid="summary-progress" className="text-sm text-zinc-600 dark:text-zinc-400">
                Read {progress.readPages} of {progress.totalPages} pages
                {progress.totalCalls > 0 ? ` (${progress.calls} of ${progress.totalCalls} model calls)` : ""}…
              </p>
            )}
            {unanswered && status === "ready" && <StoppedBeforeAnswer onRegenerate={retry} />}
          </section>
        </div>

        <div className="relative border-zinc-200 border-t bg-white dark:border-zinc-800 dark:bg-zinc-950">
          {!atEnd && messages.length > 0 && (
            <button
              type="button"
              data-testid="jump-to-latest"
              onClick={scrollToEnd}
              className="-top-12 -translate-x-1/2 absolute left-1/2 inline-flex items-center gap-1.5 rounded-full border border-zinc-200 bg-white px-3 py-1.5 font-medium text-sm text-zinc-700 shadow-md hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
            >
              <ArrowDownIcon className="size-4" />
              Jump to latest
            </button>
          )}
          <div className="mx-auto max-w-3xl space-y-2 px-3 pt-3 pb-3 sm:px-6 sm:pb-4">
            <ChatUploads uploads={uploads} onCancel={cancel} onDismiss={dismiss} />
            {error && <ChatError message={errorMessage(error)} onRetry={retry} />}
            <Composer
              value={input}
              onChange={setInput}
              onSend={() => ask(input)}
              onStop={stopAnswer}
              onFiles={addFiles}
              busy={busy}
              inputRef={inputRef}
              placeholder={useDocuments ? "Ask about your documents…" : "Ask the model…"}
            />
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <ScopePicker
                documents={documents}
                selected={documentIds}
                onChange={setScope}
                disabled={!useDocuments}
              />
              <UseDocumentsSwitch on={useDocuments} onChange={setUseDocuments} />
              {!useDocuments && (
                <p data-testid="documents-off" className="text-xs text-zinc-600 dark:text-zinc-400">
                  Off: the model answers alone, without searching your documents.
                </p>
              )}
            </div>
            <ContextMeter
              context={lastTurn?.context}
              usage={lastTurn?.usage}
              windowTokens={modelInfo.contextTokens}
            />
            <ModeLabel modelInfo={modelInfo} testId="mode-label" />
          </div>
        </div>

        {compare && (
          <CompareView
            key={compare.key}
            question={compare.question}
            history={compare.history}
            documentIds={compare.documentIds}
            modelOffline={modelInfo.offline}
            onClose={() => setCompare(null)}
          />
        )}
      </ChatDropzone>
      {openCitation && (
        <CitationViewer
          key={`${openCitation.documentId}:${openCitation.citation}:${openCitation.text.length}`}
          citation={openCitation}
          onClose={() => setOpenCitation(null)}
        />
      )}
    </div>
  );
}
