import type { ChatModelInfo } from "@/lib/chat/types";
import { ACCEPTED_TYPES_LABEL } from "@/lib/config/constants";
import { plural } from "../format";
import { ChatBubbleIcon, DocumentIcon } from "../icons";
import { ModeLabel } from "./mode-label";

const link =
  "font-medium text-blue-700 underline underline-offset-2 hover:text-blue-800 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400 dark:hover:text-blue-300";

/** The chat before its first question: what it can answer from, and questions to start with. */
export function EmptyChat({
  documentCount,
  suggestions,
  onAsk,
  modelInfo,
  useDocuments,
}: {
  documentCount: number;
  suggestions: string[];
  onAsk: (question: string) => void;
  modelInfo: ChatModelInfo;
  useDocuments: boolean;
}) {
  return (
    <div
      data-testid="empty-chat"
      className="mx-auto flex max-w-xl flex-col items-center py-8 text-center sm:py-14"
    >
      <span className="mb-4 flex size-12 items-center justify-center rounded-2xl bg-blue-50 text-blue-600 ring-1 ring-blue-100 dark:bg-blue-500/10 dark:text-blue-400 dark:ring-blue-400/20">
        <ChatBubbleIcon className="size-6" />
      </span>
      <h2 className="font-semibold text-xl tracking-tight sm:text-2xl">Ask your documents</h2>
      {documentCount === 0 ? (
        <div data-testid="no-documents" className="mt-2 text-zinc-600 dark:text-zinc-400">
          <p>
            You have no documents yet.{" "}
            <a href="/" className={link}>
              Upload documents
            </a>
            , or drop a file here, then ask about them.
          </p>
          <p className="mt-1 text-sm">Accepted: {ACCEPTED_TYPES_LABEL}.</p>
        </div>
      ) : (
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          {useDocuments
            ? `Answers come from passages of your ${plural(documentCount, "document")}, with the sources cited.`
            : "“Use documents” is off: the model answers on its own, without your documents."}{" "}
          <a href="/" className={link}>
            Manage documents
          </a>
        </p>
      )}

      {suggestions.length > 0 && documentCount > 0 && (
        <section aria-label="Suggested questions" className="mt-8 w-full">
          <h3 className="mb-3 font-medium text-sm text-zinc-500 dark:text-zinc-400">Try asking</h3>
          <ul className="flex flex-col gap-2 sm:grid sm:grid-cols-2">
            {suggestions.map((question) => (
              <li key={question} className="flex">
                <button
                  type="button"
                  data-testid="suggested-question"
                  onClick={() => onAsk(question)}
                  className="flex w-full items-start gap-2 rounded-xl border border-zinc-200 bg-white px-3.5 py-2.5 text-left text-sm text-zinc-800 shadow-xs hover:border-blue-300 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:border-blue-500/50 dark:hover:bg-blue-950/40"
                >
                  <DocumentIcon className="mt-0.5 size-4 shrink-0 text-zinc-400 dark:text-zinc-500" />
                  {question}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {modelInfo.offline && (
        <div className="mt-8 rounded-xl bg-amber-50 px-4 py-3 text-left ring-1 ring-amber-200 ring-inset dark:bg-amber-400/10 dark:ring-amber-400/20">
          <ModeLabel modelInfo={modelInfo} />
        </div>
      )}
    </div>
  );
}
