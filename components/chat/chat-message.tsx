import { memo, useMemo } from "react";
import { citationsOf, messageText } from "@/lib/chat/message-parts";
import type { ChatUIMessage, CitationDetails } from "@/lib/chat/types";
import { plural } from "../format";
import { CompareIcon, RegenerateIcon, SpinnerIcon } from "../icons";
import { CitationChips } from "./citation-chips";
import { CopyButton } from "./copy-button";
import { Markdown } from "./markdown";
import { actionButton } from "./styles";

type AssistantProps = {
  message: ChatUIMessage;
  /** The question this answer replies to, for the compare view. */
  question: string | null;
  /** This is the newest answer, the one regenerate and compare act on. */
  latest: boolean;
  /** This answer is still arriving. */
  streaming: boolean;
  /** Some answer is arriving, so new requests wait. */
  busy: boolean;
  onOpenCitation: (citation: CitationDetails) => void;
  onRegenerate: () => void;
  onCompare: (question: string) => void;
};

function UserMessage({ message }: { message: ChatUIMessage }) {
  return (
    <div data-testid="message" data-role="user" className="flex justify-end">
      <h2 className="sr-only">You said:</h2>
      <div
        data-testid="message-text"
        className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-md bg-blue-600 px-4 py-2.5 text-white dark:bg-blue-500/90"
      >
        {messageText(message)}
      </div>
    </div>
  );
}

function AnswerNote({ message, streaming }: { message: ChatUIMessage; streaming: boolean }) {
  const metadata = message.metadata;
  if (metadata?.usedDocuments === false) {
    return <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Answered without your documents.</p>;
  }
  if (!streaming && metadata?.context?.passages === 0) {
    return (
      <p className="mt-2 text-xs text-amber-700 dark:text-amber-300">
        No passage in your documents matched this question.
      </p>
    );
  }
  return null;
}

function AssistantMessage({
  message,
  question,
  latest,
  streaming,
  busy,
  onOpenCitation,
  onRegenerate,
  onCompare,
}: AssistantProps) {
  const citations = useMemo(() => citationsOf(message), [message]);
  const text = useMemo(() => messageText(message), [message]);
  return (
    <div data-testid="message" data-role="assistant" data-streaming={streaming} className="min-w-0">
      <h2 className="sr-only">Answer:</h2>
      {text ? (
        <Markdown text={text} citations={citations} onOpenCitation={onOpenCitation} />
      ) : (
        streaming && (
          <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
            <SpinnerIcon className="size-4" />
            {citations.length > 0
              ? `Found ${plural(citations.length, "passage")}; writing the answer…`
              : "Writing the answer…"}
          </p>
        )
      )}
      <AnswerNote message={message} streaming={streaming} />
      <CitationChips citations={citations} onOpen={onOpenCitation} />
      {!streaming && (
        <div className="-ml-2 mt-2 flex flex-wrap items-center gap-1">
          {text && <CopyButton text={text} />}
          {latest && (
            <button
              type="button"
              data-testid="regenerate-button"
              onClick={onRegenerate}
              disabled={busy}
              className={actionButton}
            >
              <RegenerateIcon className="size-4" />
              Regenerate
            </button>
          )}
          {latest && question && (
            <button
              type="button"
              data-testid="compare-button"
              onClick={() => onCompare(question)}
              disabled={busy}
              aria-haspopup="dialog"
              aria-label="Compare answers with and without documents"
              title="Ask this question again with and without your documents, side by side"
              className={actionButton}
            >
              <CompareIcon className="size-4" />
              Compare
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** One turn of the conversation: the person's question, or an answer with its sources and actions. */
export const ChatMessage = memo(function ChatMessage(props: AssistantProps) {
  if (props.message.role === "user") return <UserMessage message={props.message} />;
  return <AssistantMessage {...props} />;
});
