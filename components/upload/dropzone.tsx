import { type KeyboardEvent, useId, useRef } from "react";
import { ACCEPTED_TYPES_LABEL } from "@/lib/config/constants";
import { UploadIcon } from "../icons";
import { ACCEPT_ATTRIBUTE } from "./check-file";
import { useFileDrop } from "./use-file-drop";

/** A drop target that is also a keyboard-operable button opening the file picker. */
export function Dropzone({
  maxUploadMb,
  onFiles,
}: {
  maxUploadMb: number;
  onFiles: (files: File[]) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const { dragging, dropHandlers } = useFileDrop(onFiles);
  const titleId = useId();
  const hintId = useId();

  const openPicker = () => input.current?.click();

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openPicker();
    }
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a <button> may not contain the file input the drop zone must hold.
    <div
      role="button"
      tabIndex={0}
      data-testid="dropzone"
      data-dragging={dragging}
      aria-labelledby={titleId}
      aria-describedby={hintId}
      onClick={(event) => {
        if (event.target !== input.current) openPicker();
      }}
      onKeyDown={onKeyDown}
      {...dropHandlers}
      className="flex cursor-pointer flex-col items-center justify-center gap-2 rounded-xl border-2 border-zinc-300 border-dashed bg-zinc-50 px-4 py-10 text-center transition-colors hover:border-zinc-400 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 data-[dragging=true]:border-blue-500 data-[dragging=true]:bg-blue-50 sm:py-12 dark:border-zinc-700 dark:bg-zinc-900/60 dark:data-[dragging=true]:border-blue-400 dark:data-[dragging=true]:bg-blue-950/40 dark:hover:border-zinc-600 dark:hover:bg-zinc-900"
    >
      <UploadIcon
        className={`size-9 ${dragging ? "text-blue-600 dark:text-blue-400" : "text-zinc-400 dark:text-zinc-500"}`}
      />
      <p id={titleId} className="font-medium text-base">
        {dragging ? (
          "Drop to upload"
        ) : (
          <>
            Drop files here or{" "}
            <span className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
              choose files
            </span>
          </>
        )}
      </p>
      <p id={hintId} className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        {ACCEPTED_TYPES_LABEL}, up to {maxUploadMb} MB per file. Several files at once are fine.
      </p>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        data-testid="file-input"
        aria-label="Documents to upload"
        tabIndex={-1}
        className="sr-only"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again fires another change.
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
