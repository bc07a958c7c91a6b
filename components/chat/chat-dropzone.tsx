import { type DragEvent, type ReactNode, useEffect, useState } from "react";
import { UploadIcon } from "../icons";

function carriesFiles(event: { dataTransfer: DataTransfer | null }) {
  return event.dataTransfer?.types.includes("Files") ?? false;
}

/** The chat area as a drop target: files dropped anywhere on it are added to the documents. */
export function ChatDropzone({
  onFiles,
  className,
  children,
}: {
  onFiles: (files: File[]) => void;
  className: string;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);

  // A file dropped just outside the chat would otherwise open in place of the page.
  useEffect(() => {
    const keepPage = (event: globalThis.DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener("dragover", keepPage);
    window.addEventListener("drop", keepPage);
    return () => {
      window.removeEventListener("dragover", keepPage);
      window.removeEventListener("drop", keepPage);
    };
  }, []);

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };

  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; the composer's "Add a document" button is the keyboard way.
    <div
      data-testid="chat-dropzone"
      data-dragging={dragging}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
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
