import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { formatBytes } from "../format";
import { AlertIcon, DocumentIcon, TrashIcon } from "../icons";
import { LocalDate } from "../local-date";
import { deleteDocument } from "./delete-document";

/** Shared with the list's column headings so that both line up on wider screens. */
export const DOCUMENT_COLUMNS = "sm:grid-cols-[minmax(0,1fr)_3.5rem_4rem_5rem_11.5rem_5.5rem]";

type Phase = "idle" | "confirming" | "deleting";

const buttonBase =
  "inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 font-medium text-sm focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 disabled:opacity-60";

function Field({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-1.5 sm:contents">
      <dt className="text-zinc-500 sm:sr-only dark:text-zinc-400">{label}</dt>
      <dd data-testid={testId} className="text-sm tabular-nums sm:whitespace-nowrap sm:text-right">
        {children}
      </dd>
    </div>
  );
}

export function DocumentRow({
  document,
  onDeleted,
}: {
  document: DocumentJson;
  onDeleted: (document: DocumentJson, alreadyGone: boolean) => void;
}) {
  const [phase, setPhase] = useState<Phase>("idle");
  const [error, setError] = useState<string | null>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const confirmId = useId();
  const wasConfirming = useRef(false);

  // Focus follows the confirmation: onto Cancel, the safe choice, then back to Delete.
  useEffect(() => {
    if (phase === "confirming") cancelButton.current?.focus();
    else if (phase === "idle" && wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = phase !== "idle";
  }, [phase]);

  const confirm = async () => {
    setPhase("deleting");
    const outcome = await deleteDocument(document.id);
    if (outcome.ok) {
      onDeleted(document, outcome.alreadyGone);
      return;
    }
    setError(outcome.error);
    setPhase("idle");
  };

  const onConfirmKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.key === "Escape" && phase === "confirming") setPhase("idle");
  };

  return (
    <li
      data-testid="document-row"
      data-document-id={document.id}
      className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 px-4 py-3 ${DOCUMENT_COLUMNS}`}
    >
      <div className="flex min-w-0 items-center gap-2">
        <DocumentIcon className="size-5 shrink-0 text-zinc-400 dark:text-zinc-500" />
        <span
          data-testid="document-name"
          className="truncate font-medium text-sm sm:text-base"
          title={document.name}
        >
          {document.name}
        </span>
        {document.status === "indexing" && (
          <span className="shrink-0 rounded-full bg-amber-100 px-2 py-0.5 text-amber-900 text-xs dark:bg-amber-900/40 dark:text-amber-200">
            Indexing
          </span>
        )}
      </div>
      <dl className="col-span-2 row-start-2 flex flex-wrap gap-x-4 gap-y-1 text-sm sm:contents">
        <Field label="Pages" testId="document-pages">
          {document.pages ?? "—"}
        </Field>
        <Field label="Chunks" testId="document-chunks">
          {document.chunks}
        </Field>
        <Field label="Size" testId="document-size">
          {formatBytes(document.bytes)}
        </Field>
        <Field label="Added" testId="document-date">
          <LocalDate iso={document.createdAt} />
        </Field>
      </dl>
      <div className="col-start-2 row-start-1 justify-self-end sm:col-start-auto sm:row-start-auto">
        <button
          ref={deleteButton}
          type="button"
          data-testid="delete-document"
          aria-label={`Delete ${document.name}`}
          aria-expanded={phase !== "idle"}
          aria-controls={phase !== "idle" ? confirmId : undefined}
          disabled={phase === "deleting"}
          onClick={() => {
            setError(null);
            setPhase("confirming");
          }}
          className={`${buttonBase} text-zinc-600 hover:bg-red-50 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-red-950/50 dark:hover:text-red-300`}
        >
          <TrashIcon className="size-4" />
          Delete
        </button>
      </div>
      {phase !== "idle" && (
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
            disabled={phase === "deleting"}
            onClick={confirm}
            className={`${buttonBase} bg-red-600 text-white hover:bg-red-700 dark:bg-red-600 dark:hover:bg-red-500`}
          >
            {phase === "deleting" ? "Deleting…" : "Yes, delete"}
          </button>
          <button
            ref={cancelButton}
            type="button"
            data-testid="cancel-delete"
            disabled={phase === "deleting"}
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
          data-testid="document-error"
          className="col-span-full flex items-start gap-1.5 text-red-700 text-sm dark:text-red-400"
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      )}
    </li>
  );
}
