import { memo } from "react";
import { formatBytes } from "../format";
import { AlertIcon, CheckIcon, ClockIcon, CloseIcon, SpinnerIcon } from "../icons";
import { ProgressBar } from "../progress-bar";
import { uploadFraction, uploadText } from "./upload-progress";
import type { Upload } from "./use-uploads";

function StatusIcon({ status }: { status: Upload["status"] }) {
  const className = "mt-0.5 size-5 shrink-0";
  if (status === "duplicate")
    return <CheckIcon className={`${className} text-emerald-600 dark:text-emerald-400`} />;
  if (status === "failed") return <AlertIcon className={`${className} text-red-600 dark:text-red-400`} />;
  if (status === "waiting") return <ClockIcon className={`${className} text-zinc-400`} />;
  return <SpinnerIcon className={`${className} text-blue-600 dark:text-blue-400`} />;
}

/** One file on its way up; memoised, as a batch's progress changes only its own files. */
export const UploadItem = memo(function UploadItem({
  upload,
  onCancel,
  onDismiss,
}: {
  upload: Upload;
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}) {
  const finished = upload.status === "duplicate" || upload.status === "failed";
  return (
    <li
      data-testid="upload-item"
      data-status={upload.status}
      data-name={upload.name}
      className="flex gap-3 rounded-lg border border-zinc-200 bg-white px-3 py-2.5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <StatusIcon status={upload.status} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-3">
          <p className="truncate font-medium text-sm" title={upload.name}>
            {upload.name}
          </p>
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {formatBytes(upload.bytes)}
          </span>
        </div>
        {upload.status === "uploading" && (
          <ProgressBar
            label={`${upload.name} upload`}
            fraction={uploadFraction(upload)}
            valueText={uploadText(upload)}
            className="mt-2"
          />
        )}
        <p
          data-testid="upload-progress"
          className="mt-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
        >
          {uploadText(upload)}
        </p>
        {upload.error && (
          <p data-testid="upload-error" className="mt-1 break-words text-red-700 text-sm dark:text-red-400">
            {upload.error}
          </p>
        )}
      </div>
      <button
        type="button"
        onClick={() => (finished ? onDismiss(upload.id) : onCancel(upload.id))}
        aria-label={`${finished ? "Dismiss" : "Cancel upload of"} ${upload.name}`}
        title={finished ? "Dismiss" : "Cancel upload"}
        className="-m-1 size-8 shrink-0 self-start rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <CloseIcon className="size-5" />
      </button>
    </li>
  );
});
