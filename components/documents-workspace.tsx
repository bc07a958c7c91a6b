"use client";

import { useCallback, useId, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { batchMessage, settledMessage } from "./documents/announcements";
import type { Removal } from "./documents/document-actions";
import { DocumentList } from "./documents/document-list";
import { useLiveDocuments } from "./documents/use-live-documents";
import { SearchPanel } from "./search/search-panel";
import { Dropzone } from "./upload/dropzone";
import { UploadList } from "./upload/upload-list";
import { type BatchResult, useUploads } from "./upload/use-uploads";

const removalMessages: Record<Removal, (name: string) => string> = {
  deleted: (name) => `Deleted ${name}.`,
  cancelled: (name) => `Cancelled indexing ${name}; it is removed.`,
  gone: (name) => `${name} had already been deleted.`,
};

const sectionHeading = "font-semibold text-lg tracking-tight";

/**
 * The upload page's interactive part. Uploads hand their files to the document list as soon as the
 * server has stored them; the list then follows each one through the indexing queue.
 */
export function DocumentsWorkspace({
  initialDocuments,
  maxUploadMb,
  embedderLabel,
  collections = [],
}: {
  initialDocuments: DocumentJson[];
  maxUploadMb: number;
  embedderLabel: string;
  /** The collections the person may add to, their private one first (accounts only). */
  collections?: { id: string; name: string }[];
}) {
  const [collectionId, setCollectionId] = useState(collections[0]?.id);
  const [announcement, setAnnouncement] = useState("");
  const listHeading = useRef<HTMLHeadingElement>(null);
  const uploadHeadingId = useId();
  const listHeadingId = useId();
  const searchHeadingId = useId();

  const onSettled = useCallback((settled: DocumentJson[]) => setAnnouncement(settledMessage(settled)), []);
  const { documents, addDocuments, removeDocument } = useLiveDocuments({ initialDocuments, onSettled });

  const onBatch = useCallback(
    (result: BatchResult) => {
      addDocuments(result.accepted.map(({ document }) => document));
      setAnnouncement(batchMessage(result));
    },
    [addDocuments],
  );
  const { uploads, addFiles, cancel, dismiss, clearFinished } = useUploads({
    maxUploadMb,
    onBatch,
    collectionId,
  });

  const onRemoved = useCallback(
    (document: DocumentJson, removal: Removal) => {
      removeDocument(document.id);
      setAnnouncement(removalMessages[removal](document.name));
      // The row that held focus is gone; the list's heading is the nearest stable place.
      listHeading.current?.focus();
    },
    [removeDocument],
  );

  return (
    <div className="space-y-10">
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <section aria-labelledby={uploadHeadingId}>
        <h2 id={uploadHeadingId} className={`${sectionHeading} mb-3`}>
          Upload documents
        </h2>
        {collections.length > 1 && (
          <div className="mb-3 flex items-center gap-2 text-sm">
            <label htmlFor="upload-collection" className="font-medium">
              Add to
            </label>
            <select
              id="upload-collection"
              data-testid="upload-collection"
              value={collectionId}
              onChange={(event) => setCollectionId(event.target.value)}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              {collections.map((collection) => (
                <option key={collection.id} value={collection.id}>
                  {collection.name}
                </option>
              ))}
            </select>
          </div>
        )}
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
          <span
            data-testid="document-count"
            className="font-normal text-base text-zinc-500 tabular-nums dark:text-zinc-400"
          >
            ({documents.length})
          </span>
        </h2>
        <DocumentList documents={documents} labelledBy={listHeadingId} onRemoved={onRemoved} />
      </section>

      <section aria-labelledby={searchHeadingId}>
        <h2 id={searchHeadingId} className={`${sectionHeading} mb-1`}>
          Search your documents
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Find the passages a question would be answered from; documents join once they are ready.
        </p>
        <SearchPanel documents={documents} embedderLabel={embedderLabel} />
      </section>
    </div>
  );
}
