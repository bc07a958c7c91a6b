import { Chat } from "@ai-sdk/react";
import { DefaultChatTransport, generateId } from "ai";
import { useEffect, useId, useRef, useState } from "react";
import type { ChatRequestOptions, ChatUIMessage, CitationDetails } from "@/lib/chat/types";
import { CloseIcon } from "../icons";
import { CitationPanel } from "./citation-panel";
import { ComparePane } from "./compare-pane";
import { ModalDialog } from "./modal-dialog";

function compareChat(options: ChatRequestOptions, history: ChatUIMessage[]): Chat<ChatUIMessage> {
  const side = options.useDocuments ? "with" : "without";
  return new Chat<ChatUIMessage>({
    id: `compare-${side}-${generateId()}`,
    messages: history,
    // The comparison is a look aside, not a chat of its own: it is not saved.
    transport: new DefaultChatTransport<ChatUIMessage>({
      api: "/api/chat",
      body: { ...options, save: false },
    }),
  });
}

/**
 * The "knowledge window" demo: one question asked twice after the same conversation, once answered
 * from the documents and once by the model alone, streamed side by side.
 */
export function CompareView({
  question,
  history,
  documentIds,
  modelOffline,
  onClose,
}: {
  question: string;
  history: ChatUIMessage[];
  documentIds?: string[];
  /** The offline answerer only quotes, so without documents it has nothing to say. */
  modelOffline: boolean;
  onClose: () => void;
}) {
  const [chats] = useState(() => ({
    withDocuments: compareChat({ useDocuments: true, documentIds }, history),
    withoutDocuments: compareChat({ useDocuments: false }, history),
  }));
  const [openCitation, setOpenCitation] = useState<CitationDetails | null>(null);
  const started = useRef(false);
  const mounted = useRef(false);
  const titleId = useId();

  useEffect(() => {
    // Once only: React's development double mount must not ask twice.
    if (started.current) return;
    started.current = true;
    void chats.withDocuments.sendMessage({ text: question });
    void chats.withoutDocuments.sendMessage({ text: question });
  }, [chats, question]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Deferred, so that the development remount (which comes at once) does not stop the answers.
      setTimeout(() => {
        if (mounted.current) return;
        void chats.withDocuments.stop();
        void chats.withoutDocuments.stop();
      });
    };
  }, [chats]);

  return (
    <ModalDialog
      testId="compare-view"
      labelledBy={titleId}
      onClose={onClose}
      className="h-[calc(100dvh-2rem)] max-w-5xl flex-col open:flex"
    >
      <div className="flex items-start gap-3 border-zinc-200 border-b px-4 py-3 sm:px-5 dark:border-zinc-800">
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold text-base">
            With and without your documents
          </h2>
          <p className="mt-0.5 line-clamp-2 break-words text-sm text-zinc-600 dark:text-zinc-400">
            <span className="sr-only">Question: </span>“{question}”
          </p>
        </div>
        <button
          type="button"
          data-testid="compare-close"
          onClick={onClose}
          aria-label="Close comparison"
          title="Close"
          className="-m-1 size-8 shrink-0 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <CloseIcon className="size-5" />
        </button>
      </div>
      <div className="grid min-h-0 flex-1 auto-rows-fr gap-3 overflow-y-auto p-3 sm:p-4 md:grid-cols-2 md:auto-rows-auto md:overflow-hidden">
        <ComparePane
          chat={chats.withDocuments}
          testId="compare-with-documents"
          title="With your documents"
          description="Retrieval on: answered from passages, with sources."
          onOpenCitation={setOpenCitation}
        />
        <ComparePane
          chat={chats.withoutDocuments}
          testId="compare-without-documents"
          title="Without documents"
          description={
            modelOffline
              ? "The offline answerer has nothing to quote without documents."
              : "The model alone, from what it learned in training."
          }
          onOpenCitation={setOpenCitation}
        />
      </div>
      {openCitation && <CitationPanel citation={openCitation} onClose={() => setOpenCitation(null)} />}
    </ModalDialog>
  );
}
