import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { summaryHref } from "@/lib/chat/summary-href";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { AlertIcon, CloseIcon, DownloadIcon, TrashIcon } from "../icons";
import { deleteDocument } from "./delete-document";
import { isPending } from "./indexing-progress";

/** How a document left the list: deleted, its indexing cancelled, or already gone elsewhere. */
export type Removal = "deleted" | "cancelled" | "gone";

type Phase = "idle" | "confirming" | "removing";

const buttonBase =
  "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 font-medium text-sm focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 disabled:opacity-60";
const quietButton = `${buttonBase} text-zinc-600 hover:bg-red-50 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-red-950/50 dark:hover:text-red-300`;

/**
 * A row's download link and its Delete (confirmed first) or, while the document is queued or
 * indexing, Cancel (at once: nothing finished is lost). Rendered as cells of the row's grid.
 */
export function DocumentActions({
  document,
  onRemoved,
}: {
  document: DocumentJson;
  onRemoved: (document: DocumentJson, removal: Removal) => void;
}) {
  const [phase, setPhase] = useState<Phase>("idle");
  const [error, setError] = useState<string | null>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const confirmId = useId();
  const wasConfirming = useRef(false);
  const pending = isPending(document);

  // Focus follows the confirmation: onto Cancel, the safe choice, then back to Delete.
  useEffect(() => {
    if (phase === "confirming") keepButton.current?.focus();
    else if (phase === "idle" && wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = phase !== "idle";
  }, [phase]);

  const remove = async (removal: "deleted" | "cancelled") => {
    setError(null);
    setPhase("removing");
    const outcome = await deleteDocument(document.id);
    if (outcome.ok) {
      onRemoved(document, outcome.alreadyGone ? "gone" : removal);
      return;
    }
    setError(outcome.error);
    setPhase("idle");
  };

  const onConfirmKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.key === "Escape" && phase === "confirming") setPhase("idle");
  };

  return (
    <>
      <div className="col-start-2 row-start-1 flex items-center justify-end gap-1 justify-self-end sm:col-start-auto sm:row-start-auto">
        {document.status === "ready" && (
          <a
            href={summaryHref([document.id])}
            data-testid="document-summarize"
            aria-label={`Summarise ${document.name}`}
            title="Summarise the whole document in the chat"
            className="inline-flex h-8 items-center rounded-md px-2 text-sm text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            Summarise
          </a>
        )}
        <a
          href={`/api/documents/${encodeURIComponent(document.id)}/file`}
          download={document.name}
          data-testid="document-download"
          aria-label={`Download ${document.name}`}
          title="Download the original"
          className="inline-flex size-8 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <DownloadIcon className="size-4" />
        </a>
        {pending ? (
          <button
            type="button"
            data-testid="cancel-indexing"
            aria-label={`Cancel indexing ${document.name}`}
            disabled={phase === "removing"}
            onClick={() => remove("cancelled")}
            className={quietButton}
          >
            <CloseIcon className="size-4" />
            {phase === "removing" ? "Cancelling…" : "Cancel"}
          </button>
        ) : (
          <button
            ref={deleteButton}
            type="button"
            data-testid="delete-document"
            aria-label={`Delete ${document.name}`}
            aria-expanded={phase !== "idle"}
            aria-controls={phase !== "idle" ? confirmId : undefined}
            disabled={phase === "removing"}
            onClick={() => {
              setError(null);
              setPhase("confirming");
            }}
            className={quietButton}
          >
            <TrashIcon className="size-4" />
            Delete
          </button>
        )}
      </div>
      {!pending && phase !== "idle" && (
        <fieldset
          id={confirmId}
          onKeyDown={onConfirmKeyDown}
          className="col-span-full flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-2 rounded-lg bg-red-50 px-3 py-2 text-red-900 text-sm dark:bg-red-950/40 dark:text-red-100"
        >
          <legend className="sr-only">Confirm deleting {document.name}</legend>
          <p className="mr-auto min-w-0">Delete this document? Its passages will no longer be searchable.</p>
          <button
            type="button"
            data-testid="confirm-delete"
            disabled={phase === "removing"}
            onClick={() => remove("deleted")}
            className={`${buttonBase} bg-red-600 text-white hover:bg-red-700 dark:bg-red-600 dark:hover:bg-red-500`}
          >
            {phase === "removing" ? "Deleting…" : "Yes, delete"}
          </button>
          <button
            ref={keepButton}
            type="button"
            data-testid="cancel-delete"
            disabled={phase === "removing"}
            onClick={() => setPhase("idle")}
            className={`${buttonBase} border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800`}
          >
            Cancel
          </button>
        </fieldset>
      )}
      {error && (
        <p
          role="alert"
          data-testid="document-action-error"
          className="col-span-full flex items-start gap-1.5 text-red-700 text-sm dark:text-red-400"
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      )}
    </>
  );
}
