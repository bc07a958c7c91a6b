import { UploadItem } from "./upload-item";
import type { Upload } from "./use-uploads";

/** Files not yet handed to the document list: waiting, being sent, refused, or already there. */
export function UploadList({
  uploads,
  onCancel,
  onDismiss,
  onClearFinished,
}: {
  uploads: Upload[];
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
  onClearFinished: () => void;
}) {
  if (uploads.length === 0) return null;
  const finishedCount = uploads.filter(
    (upload) => upload.status === "duplicate" || upload.status === "failed",
  ).length;
  return (
    <div className="mt-4">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h3 className="font-medium text-sm text-zinc-700 dark:text-zinc-300">
          Uploads <span className="text-zinc-500 tabular-nums dark:text-zinc-400">({uploads.length})</span>
        </h3>
        {finishedCount > 0 && (
          <button
            type="button"
            data-testid="clear-finished-uploads"
            onClick={onClearFinished}
            className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            Clear finished
          </button>
        )}
      </div>
      {/* Many files at once scroll within the list, so the documents below stay in reach. */}
      <ul data-testid="upload-list" className="max-h-96 space-y-2 overflow-y-auto overscroll-contain">
        {uploads.map((upload) => (
          <UploadItem key={upload.id} upload={upload} onCancel={onCancel} onDismiss={onDismiss} />
        ))}
      </ul>
    </div>
  );
}
