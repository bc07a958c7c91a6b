import { AlertIcon, CheckIcon, CloseIcon, SpinnerIcon } from "../icons";
import { progressText } from "../upload/upload-progress";
import type { Upload } from "../upload/use-uploads";

function statusText(upload: Upload): string {
  if (upload.status === "error") return `${upload.name} failed: ${upload.error}`;
  if (upload.status === "done") {
    const where = upload.duplicate ? "already in your documents" : "added to your documents";
    return `${upload.name}: ${progressText(upload)}, ${where}.`;
  }
  return `${upload.name}: ${progressText(upload)}`;
}

function StatusIcon({ status }: { status: Upload["status"] }) {
  if (status === "done")
    return <CheckIcon className="size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />;
  if (status === "error") return <AlertIcon className="size-4 shrink-0 text-red-600 dark:text-red-400" />;
  return <SpinnerIcon className="size-4 shrink-0 text-blue-600 dark:text-blue-400" />;
}

/** One line per file dropped on the chat: its progress, then whether it made it in. */
export function ChatUploads({
  uploads,
  onCancel,
  onDismiss,
}: {
  uploads: Upload[];
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}) {
  if (uploads.length === 0) return null;
  return (
    <ul aria-label="Documents added from the chat" className="space-y-1">
      {uploads.map((upload) => {
        const finished = upload.status === "done" || upload.status === "error";
        return (
          <li
            key={upload.id}
            data-testid="chat-upload-status"
            data-status={upload.status}
            data-name={upload.name}
            className={`flex items-center gap-2 rounded-lg px-2.5 py-1.5 text-xs ${
              upload.status === "error"
                ? "bg-red-50 text-red-900 dark:bg-red-950/40 dark:text-red-200"
                : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800/70 dark:text-zinc-300"
            }`}
          >
            <StatusIcon status={upload.status} />
            <span className="min-w-0 flex-1 break-words tabular-nums">{statusText(upload)}</span>
            <button
              type="button"
              onClick={() => (finished ? onDismiss(upload.id) : onCancel(upload.id))}
              aria-label={`${finished ? "Dismiss" : "Cancel upload of"} ${upload.name}`}
              title={finished ? "Dismiss" : "Cancel upload"}
              className="-my-1 size-6 shrink-0 rounded p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
            >
              <CloseIcon className="size-4" />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
