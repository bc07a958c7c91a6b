import { type Chat, useChat } from "@ai-sdk/react";
import { useId, useMemo } from "react";
import { citationsOf, messageText } from "@/lib/chat/message-parts";
import type { ChatUIMessage, CitationDetails } from "@/lib/chat/types";
import { AlertIcon, CheckIcon, SpinnerIcon } from "../icons";
import { CitationChips } from "./citation-chips";
import { chatErrorMessage } from "./error-message";
import { Markdown } from "./markdown";

const statusLabels = {
  submitted: "Waiting",
  streaming: "Answering",
  ready: "Done",
  error: "Failed",
} as const;

function StatusBadge({ status }: { status: keyof typeof statusLabels }) {
  const icon =
    status === "ready" ? (
      <CheckIcon className="size-3.5 text-emerald-600 dark:text-emerald-400" />
    ) : status === "error" ? (
      <AlertIcon className="size-3.5 text-red-600 dark:text-red-400" />
    ) : (
      <SpinnerIcon className="size-3.5 text-blue-600 dark:text-blue-400" />
    );
  return (
    <span
      data-testid="compare-status"
      className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2 py-0.5 font-medium text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
    >
      {icon}
      {statusLabels[status]}
    </span>
  );
}

/** One side of the compare view: a one-question conversation, streamed with its own status. */
export function ComparePane({
  chat,
  title,
  description,
  testId,
  onOpenCitation,
}: {
  chat: Chat<ChatUIMessage>;
  title: string;
  description: string;
  testId: string;
  onOpenCitation: (citation: CitationDetails) => void;
}) {
  const { messages, status, error, regenerate, clearError } = useChat({ chat, throttle: 50 });
  const titleId = useId();
  // The answer to the compared question: the last message, once the reply has started.
  const last = messages.at(-1);
  const answer = last?.role === "assistant" ? last : undefined;
  const citations = useMemo(() => (answer ? citationsOf(answer) : []), [answer]);
  const text = answer ? messageText(answer) : "";

  return (
    <section
      data-testid={testId}
      data-status={status}
      aria-labelledby={titleId}
      aria-busy={status === "submitted" || status === "streaming"}
      className="flex min-h-0 min-w-0 flex-col rounded-xl border border-zinc-200 bg-zinc-50/60 dark:border-zinc-800 dark:bg-zinc-950/40"
    >
      <div className="flex items-start justify-between gap-2 border-zinc-200 border-b px-3.5 py-2.5 dark:border-zinc-800">
        <div className="min-w-0">
          <h3 id={titleId} className="font-semibold text-sm">
            {title}
          </h3>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{description}</p>
        </div>
        <StatusBadge status={status} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3.5 py-3 text-sm">
        {text ? (
          <Markdown text={text} citations={citations} onOpenCitation={onOpenCitation} testId="compare-text" />
        ) : (
          status !== "error" && (
            <p className="text-zinc-500 dark:text-zinc-400">The answer will appear here.</p>
          )
        )}
        {error && (
          <div
            role="alert"
            className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-red-900 dark:bg-red-950/40 dark:text-red-200"
          >
            <p>{chatErrorMessage(error)}</p>
            <button
              type="button"
              onClick={() => {
                clearError();
                void regenerate();
              }}
              className="mt-1 font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-red-600"
            >
              Try again
            </button>
          </div>
        )}
        <CitationChips citations={citations} onOpen={onOpenCitation} />
      </div>
    </section>
  );
}
