import { formatBytes } from "../format";
import { AlertIcon, CheckIcon, ClockIcon, CloseIcon, SpinnerIcon } from "../icons";
import { progressFraction, progressText } from "./upload-progress";
import type { Upload } from "./use-uploads";

function StatusIcon({ status }: { status: Upload["status"] }) {
  const className = "mt-0.5 size-5 shrink-0";
  if (status === "done")
    return <CheckIcon className={`${className} text-emerald-600 dark:text-emerald-400`} />;
  if (status === "error") return <AlertIcon className={`${className} text-red-600 dark:text-red-400`} />;
  if (status === "queued") return <ClockIcon className={`${className} text-zinc-400`} />;
  return <SpinnerIcon className={`${className} text-blue-600 dark:text-blue-400`} />;
}

function ProgressBar({ upload }: { upload: Upload }) {
  const fraction = progressFraction(upload);
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  const colour = upload.status === "done" ? "bg-emerald-500" : "bg-blue-600 dark:bg-blue-500";
  return (
    <div
      role="progressbar"
      aria-label={`${upload.name} progress`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={progressText(upload)}
      className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
    >
      {percent === undefined ? (
        <div className={`h-full w-1/3 animate-pulse rounded-full ${colour}`} />
      ) : (
        <div
          className={`h-full rounded-full transition-[width] ${colour}`}
          style={{ width: `${percent}%` }}
        />
      )}
    </div>
  );
}

/** The file's status as the tests and the contract name it; a queued file is waiting to upload. */
function publicStatus(status: Upload["status"]) {
  return status === "queued" ? "uploading" : status;
}

export function UploadItem({
  upload,
  onCancel,
  onDismiss,
}: {
  upload: Upload;
  onCancel: (id: string) => void;
  onDismiss: (id: string) => void;
}) {
  const finished = upload.status === "done" || upload.status === "error";
  return (
    <li
      data-testid="upload-item"
      data-status={publicStatus(upload.status)}
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
        {upload.status !== "error" && <ProgressBar upload={upload} />}
        <p
          data-testid="upload-progress"
          className="mt-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400"
        >
          {progressText(upload)}
        </p>
        {upload.error && (
          <p data-testid="upload-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
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
}
