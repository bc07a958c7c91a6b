"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useStickToBottom } from "use-stick-to-bottom";
import type { ChatSummary } from "@/lib/chat/chat-json";
import type { ChatModelInfo, ChatUIMessage, CitationDetails } from "@/lib/chat/types";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { ChatControls } from "./chat-controls";
import { ChatDropzone } from "./chat-dropzone";
import { ChatSidebar } from "./chat-sidebar";
import { CitationViewer } from "./citation-viewer";
import { CompareView } from "./compare-view";
import { Conversation } from "./conversation";
import { EmptyChat } from "./empty-chat";
import { chatErrorMessage } from "./error-message";
import { useChatDocuments } from "./use-chat-documents";
import { useChatTurns } from "./use-chat-turns";
import { useStatusAnnouncement } from "./use-status-announcement";

type CompareRequest = { key: number; question: string; history: ChatUIMessage[]; documentIds?: string[] };

/**
 * The chat page: past chats beside one conversation with the documents (its turns in
 * useChatTurns, its messages in Conversation, the question field and choices in ChatControls),
 * the compare view and the cited document.
 */
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
  const files = useChatDocuments({ initialDocuments, maxUploadMb });
  const { documents, scope, setScope, announcement } = files;
  const [useDocuments, setUseDocuments] = useState(true);
  const [input, setInput] = useState("");
  const [openCitation, setOpenCitation] = useState<CitationDetails | null>(null);
  const [compare, setCompare] = useState<CompareRequest | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // Deleted documents drop out of the scope; nothing chosen means all documents.
  const documentIds = scope.filter((id) => documents.some((document) => document.id === id));
  const scopedIds = documentIds.length > 0 ? documentIds : undefined;

  const turns = useChatTurns({
    chatId,
    initialMessages,
    documents,
    summarize,
    options: { documentIds: scopedIds, useDocuments },
  });
  const { id, messages, status, busy, error } = turns;
  const statusMessage = useStatusAnnouncement(status, useDocuments);
  const scroll = useStickToBottom({ initial: "instant", resize: "smooth" });

  // Focus the question field on arrival, where a keyboard is at hand (not on phones).
  useEffect(() => {
    if (window.matchMedia("(pointer: fine)").matches) inputRef.current?.focus();
  }, []);

  const ask = (question: string) => {
    if (!turns.ask(question)) return;
    setInput("");
    void scroll.scrollToBottom();
  };

  const retry = () => {
    turns.retry();
    void scroll.scrollToBottom();
  };

  const onCompare = useCallback(
    (question: string) => {
      // Both sides get the conversation before the question, so a follow-up is compared in context.
      const asked = messages.findLastIndex((message) => message.role === "user");
      const history = asked > 0 ? messages.slice(0, asked) : [];
      setCompare({ key: Date.now(), question, history, documentIds: scopedIds });
    },
    [messages, scopedIds],
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
      <ChatSidebar currentChatId={id} initialChats={initialChats} refreshKey={turns.finishedAnswers} />
      <ChatDropzone onFiles={files.addFiles} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
        <p aria-live="polite" className="sr-only">
          {statusMessage}
        </p>

        <Conversation
          messages={messages}
          status={status}
          progress={turns.progress}
          useDocuments={useDocuments}
          scroll={scroll}
          empty={
            <EmptyChat
              documentCount={documents.length}
              suggestions={suggestions}
              onAsk={(question) => {
                ask(question);
                inputRef.current?.focus();
              }}
              modelInfo={modelInfo}
              useDocuments={useDocuments}
            />
          }
          onOpenCitation={setOpenCitation}
          onRegenerate={retry}
          onCompare={onCompare}
        />

        <ChatControls
          input={input}
          onInput={setInput}
          onAsk={() => ask(input)}
          onStop={turns.stopAnswer}
          onRetry={retry}
          busy={busy}
          error={error ? chatErrorMessage(error) : null}
          inputRef={inputRef}
          files={files}
          scope={documentIds}
          onScope={setScope}
          useDocuments={useDocuments}
          onUseDocuments={setUseDocuments}
          lastTurn={messages.findLast((message) => message.metadata?.context)?.metadata}
          modelInfo={modelInfo}
        />

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
