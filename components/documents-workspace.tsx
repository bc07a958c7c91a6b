"use client";

import { useCallback, useId, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { DocumentList } from "./documents/document-list";
import { useIndexingRefresh } from "./documents/use-indexing-refresh";
import { SearchPanel } from "./search/search-panel";
import { Dropzone } from "./upload/dropzone";
import { UploadList } from "./upload/upload-list";
import { type Upload, useUploads } from "./upload/use-uploads";

function newestFirst(a: DocumentJson, b: DocumentJson) {
  return b.createdAt.localeCompare(a.createdAt);
}

function settledMessage(upload: Upload): string {
  if (upload.status === "error") return `${upload.name} failed: ${upload.error}`;
  if (upload.duplicate) return `${upload.name} was already uploaded.`;
  return `${upload.name} is ready to search.`;
}

const sectionHeading = "font-semibold text-lg tracking-tight";

/** The upload page's interactive part: uploads, the document list and search share one document list. */
export function DocumentsWorkspace({
  initialDocuments,
  maxUploadMb,
  embedderLabel,
}: {
  initialDocuments: DocumentJson[];
  maxUploadMb: number;
  embedderLabel: string;
}) {
  const [documents, setDocuments] = useState(initialDocuments);
  const [announcement, setAnnouncement] = useState("");
  const listHeading = useRef<HTMLHeadingElement>(null);
  const uploadHeadingId = useId();
  const listHeadingId = useId();
  const searchHeadingId = useId();

  useIndexingRefresh(documents, setDocuments);

  const onDocument = useCallback((document: DocumentJson) => {
    setDocuments((current) =>
      [document, ...current.filter((existing) => existing.id !== document.id)].sort(newestFirst),
    );
  }, []);

  const onSettled = useCallback((upload: Upload) => setAnnouncement(settledMessage(upload)), []);

  const { uploads, addFiles, cancel, dismiss, clearFinished } = useUploads({
    maxUploadMb,
    onDocument,
    onSettled,
  });

  const onDeleted = useCallback((document: DocumentJson, alreadyGone: boolean) => {
    setDocuments((current) => current.filter((existing) => existing.id !== document.id));
    setAnnouncement(alreadyGone ? `${document.name} had already been deleted.` : `Deleted ${document.name}.`);
    // The row that held focus is gone; the list's heading is the nearest stable place.
    listHeading.current?.focus();
  }, []);

  return (
    <div className="space-y-10">
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <section aria-labelledby={uploadHeadingId}>
        <h2 id={uploadHeadingId} className={`${sectionHeading} mb-3`}>
          Upload documents
        </h2>
        <Dropzone maxUploadMb={maxUploadMb} onFiles={addFiles} />
        <UploadList uploads={uploads} onCancel={cancel} onDismiss={dismiss} onClearFinished={clearFinished} />
      </section>

      <section aria-labelledby={listHeadingId}>
        <h2
          id={listHeadingId}
          ref={listHeading}
          tabIndex={-1}
          className={`${sectionHeading} mb-3 focus:outline-none`}
        >
          Your documents{" "}
          <span className="font-normal text-base text-zinc-500 tabular-nums dark:text-zinc-400">
            ({documents.length})
          </span>
        </h2>
        <DocumentList documents={documents} labelledBy={listHeadingId} onDeleted={onDeleted} />
      </section>

      <section aria-labelledby={searchHeadingId}>
        <h2 id={searchHeadingId} className={`${sectionHeading} mb-1`}>
          Search your documents
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Find the passages a question would be answered from.
        </p>
        <SearchPanel documents={documents} embedderLabel={embedderLabel} />
      </section>
    </div>
  );
}
