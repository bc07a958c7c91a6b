"use client";

import type { ChatStatus } from "ai";
import type { ReactNode } from "react";
import type { StickToBottomInstance } from "use-stick-to-bottom";
import { questionBefore } from "@/lib/chat/message-parts";
import type { ChatUIMessage, CitationDetails, SummaryProgress } from "@/lib/chat/types";
import { ArrowDownIcon } from "../icons";
import { ChatMessage } from "./chat-message";
import { PendingAnswer, StoppedBeforeAnswer } from "./pending-answer";

/**
 * The messages of the chat, kept scrolled to the latest while an answer streams in, until the
 * person scrolls up (then "Jump to latest" brings them back); `empty` stands in for no messages.
 */
export function Conversation({
  messages,
  status,
  progress,
  useDocuments,
  scroll,
  empty,
  onOpenCitation,
  onRegenerate,
  onCompare,
}: {
  messages: ChatUIMessage[];
  status: ChatStatus;
  progress: SummaryProgress | null;
  useDocuments: boolean;
  scroll: StickToBottomInstance;
  empty: ReactNode;
  onOpenCitation: (citation: CitationDetails) => void;
  onRegenerate: () => void;
  onCompare: (question: string) => void;
}) {
  const busy = status === "submitted" || status === "streaming";
  const lastAssistant = messages.findLastIndex((message) => message.role === "assistant");
  const unanswered = messages.at(-1)?.role === "user";
  const hasMessages = messages.length > 0;

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroll.scrollRef} className="h-full overflow-y-auto overscroll-contain">
        <section
          // The welcome of an empty chat is read from its top, not followed to its end.
          ref={hasMessages ? scroll.contentRef : undefined}
          aria-label="Conversation"
          className="mx-auto max-w-3xl space-y-6 px-4 py-6 sm:px-6"
        >
          {hasMessages
            ? messages.map((message, index) => (
                <ChatMessage
                  key={message.id}
                  message={message}
                  question={message.role === "assistant" ? questionBefore(messages, index) : null}
                  latest={index === lastAssistant && index === messages.length - 1}
                  streaming={busy && index === messages.length - 1 && message.role === "assistant"}
                  busy={busy}
                  onOpenCitation={onOpenCitation}
                  onRegenerate={onRegenerate}
                  onCompare={onCompare}
                />
              ))
            : empty}
          {unanswered && busy && <PendingAnswer useDocuments={useDocuments} />}
          {busy && progress && progress.totalPages > 0 && <SummaryProgressLine progress={progress} />}
          {unanswered && status === "ready" && <StoppedBeforeAnswer onRegenerate={onRegenerate} />}
        </section>
      </div>
      {!scroll.isAtBottom && hasMessages && (
        <button
          type="button"
          data-testid="jump-to-latest"
          onClick={() => void scroll.scrollToBottom()}
          className="-translate-x-1/2 absolute bottom-3 left-1/2 inline-flex items-center gap-1.5 rounded-full border border-zinc-200 bg-white px-3 py-1.5 font-medium text-sm text-zinc-700 shadow-md hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
        >
          <ArrowDownIcon className="size-4" />
          Jump to latest
        </button>
      )}
    </div>
  );
}

function SummaryProgressLine({ progress }: { progress: SummaryProgress }) {
  return (
    <p data-testid="summary-progress" className="text-sm text-zinc-600 dark:text-zinc-400">
      Read {progress.readPages} of {progress.totalPages} pages
      {progress.totalCalls > 0 ? ` (${progress.calls} of ${progress.totalCalls} model calls)` : ""}…
    </p>
  );
}
