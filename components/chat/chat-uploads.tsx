import { indexingProgressText, isPending } from "../documents/indexing-progress";
import { plural } from "../format";
import { AlertIcon, CheckIcon, ClockIcon, CloseIcon, SpinnerIcon } from "../icons";
import { uploadText } from "../upload/upload-progress";
import type { ChatUploadItem } from "./use-chat-documents";

type ItemState = "waiting" | "uploading" | "queued" | "indexing" | "ready" | "failed";

function itemState(item: ChatUploadItem): ItemState {
  if (item.kind === "upload") return item.upload.status === "duplicate" ? "ready" : item.upload.status;
  return item.document.status === "deleting" ? "queued" : item.document.status;
}

function statusText(item: ChatUploadItem): string {
  if (item.kind === "upload") {
    const { upload } = item;
    return upload.status === "failed"
      ? `${upload.name} failed: ${upload.error}`
      : `${upload.name}: ${uploadText(upload)}`;
  }
  const { document, duplicate } = item;
  if (item.cancelling) return `${document.name}: Cancelling…`;
  if (document.status === "failed") return `${document.name} failed: ${document.error}`;
  if (document.status === "ready") {
    const where = duplicate ? "already in your documents" : "added to your documents";
    return `${document.name}: ready · ${plural(document.chunks, "chunk")}, ${where}.`;
  }
  if (document.status === "indexing") {
    return [`${document.name}: Indexing`, indexingProgressText(document)].filter(Boolean).join(" · ");
  }
  return `${document.name}: Queued for indexing`;
}

function StatusIcon({ state }: { state: ItemState }) {
  if (state === "ready")
    return <CheckIcon className="size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />;
  if (state === "failed") return <AlertIcon className="size-4 shrink-0 text-red-600 dark:text-red-400" />;
  if (state === "waiting" || state === "queued")
    return <ClockIcon className="size-4 shrink-0 text-zinc-400" />;
  return <SpinnerIcon className="size-4 shrink-0 text-blue-600 dark:text-blue-400" />;
}

function buttonLabel(item: ChatUploadItem, name: string): { label: string; title: string; cancels: boolean } {
  if (item.kind === "upload") {
    const cancels = item.upload.status === "waiting" || item.upload.status === "uploading";
    return cancels
      ? { label: `Cancel upload of ${name}`, title: "Cancel upload", cancels }
      : { label: `Dismiss ${name}`, title: "Dismiss", cancels };
  }
  return isPending(item.document)
    ? { label: `Cancel indexing ${name}`, title: "Cancel indexing", cancels: true }
    : { label: `Dismiss ${name}`, title: "Dismiss", cancels: false };
}

/** One line per file dropped on the chat: its upload, then its indexing, until ready or failed. */
export function ChatUploads({
  uploads,
  onCancel,
  onDismiss,
}: {
  uploads: ChatUploadItem[];
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}) {
  if (uploads.length === 0) return null;
  return (
    <ul aria-label="Documents added from the chat" className="max-h-48 space-y-1 overflow-y-auto">
      {uploads.map((item) => {
        const state = itemState(item);
        const name = item.kind === "upload" ? item.upload.name : item.document.name;
        const button = buttonLabel(item, name);
        const error = item.kind === "document" ? item.error : null;
        const cancelling = item.kind === "document" && item.cancelling;
        return (
          <li
            key={item.id}
            data-testid="chat-upload-status"
            data-status={state}
            data-name={name}
            className={`flex items-center gap-2 rounded-lg px-2.5 py-1.5 text-xs ${
              state === "failed"
                ? "bg-red-50 text-red-900 dark:bg-red-950/40 dark:text-red-200"
                : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800/70 dark:text-zinc-300"
            }`}
          >
            <StatusIcon state={state} />
            <span className="min-w-0 flex-1 break-words tabular-nums">
              {statusText(item)}
              {error && <span className="block text-red-700 dark:text-red-400">{error}</span>}
            </span>
            <button
              type="button"
              onClick={() => (button.cancels ? onCancel(item.id) : onDismiss(item.id))}
              disabled={cancelling}
              aria-label={button.label}
              title={button.title}
              className="-my-1 size-6 shrink-0 rounded p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-50 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
            >
              <CloseIcon className="size-4" />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
