import { AlertIcon } from "../icons";

/** The server's readable reason the answer failed, with a way to ask again. */
export function ChatError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div
      role="alert"
      data-testid="chat-error"
      className="flex flex-col gap-2 rounded-xl border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-900 sm:flex-row sm:items-start dark:border-red-400/30 dark:bg-red-950/40 dark:text-red-200"
    >
      <AlertIcon className="mt-0.5 hidden size-5 shrink-0 text-red-600 sm:block dark:text-red-400" />
      <p className="min-w-0 flex-1 break-words">{message}</p>
      <button
        type="button"
        data-testid="retry-button"
        onClick={onRetry}
        className="self-start rounded-lg bg-white px-3 py-1 font-medium text-red-900 shadow-xs ring-1 ring-red-300 ring-inset hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-red-600 dark:bg-red-900/40 dark:text-red-100 dark:ring-red-400/40 dark:hover:bg-red-900/70"
      >
        Retry
      </button>
    </div>
  );
}
