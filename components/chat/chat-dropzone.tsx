import type { ReactNode } from "react";
import { UploadIcon } from "../icons";
import { useFileDrop } from "../upload/use-file-drop";

/**
 * The chat area as a drop target: files dropped anywhere on it are added to the documents. It is a
 * drop target only; the composer's "Add a document" button is the keyboard way.
 */
export function ChatDropzone({
  onFiles,
  className,
  children,
}: {
  onFiles: (files: File[]) => void;
  className: string;
  children: ReactNode;
}) {
  const { dragging, dropHandlers } = useFileDrop(onFiles);

  return (
    <div
      data-testid="chat-dropzone"
      data-dragging={dragging}
      {...dropHandlers}
      className={`relative ${className}`}
    >
      {children}
      {dragging && (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-2 z-30 flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-blue-500 border-dashed bg-blue-50/90 text-blue-900 dark:border-blue-400 dark:bg-blue-950/80 dark:text-blue-100"
        >
          <UploadIcon className="size-9" />
          <p className="font-medium">Drop to add to your documents</p>
        </div>
      )}
    </div>
  );
}
