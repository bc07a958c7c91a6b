import { type FormEvent, type KeyboardEvent, type RefObject, useId, useRef } from "react";
import { ACCEPTED_TYPES_LABEL } from "@/lib/config/constants";
import { PaperclipIcon, SendIcon, StopIcon } from "../icons";
import { ACCEPT_ATTRIBUTE } from "../upload/check-file";

const roundButton =
  "inline-flex size-9 shrink-0 items-center justify-center rounded-full focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 disabled:cursor-not-allowed";

/** The question field: Enter sends, Shift+Enter adds a line; stop while an answer arrives. */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  onFiles,
  busy,
  placeholder,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  onFiles: (files: File[]) => void;
  busy: boolean;
  placeholder: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const canSend = !busy && value.trim().length > 0;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (canSend) onSend();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while composing (e.g. a Japanese IME) confirms the composition rather than sending.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) onSend();
  };

  return (
    <form
      onSubmit={onSubmit}
      className="flex items-end gap-1.5 rounded-2xl border border-zinc-300 bg-white p-1.5 shadow-sm focus-within:border-blue-600 focus-within:ring-2 focus-within:ring-blue-600/20 dark:border-zinc-700 dark:bg-zinc-900 dark:focus-within:border-blue-500"
    >
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        aria-label="Add a document"
        title={`Add a document (${ACCEPTED_TYPES_LABEL}); you can also drop files on the chat`}
        className={`${roundButton} text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100`}
      >
        <PaperclipIcon className="size-5" />
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        tabIndex={-1}
        aria-hidden="true"
        className="hidden"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={`${hintId}-input`} className="sr-only">
        Your question
      </label>
      <textarea
        id={`${hintId}-input`}
        ref={inputRef}
        data-testid="chat-input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder={placeholder}
        aria-describedby={hintId}
        rows={1}
        className="field-sizing-content max-h-48 min-h-9 min-w-0 flex-1 resize-none bg-transparent px-1.5 py-1.5 text-[0.9375rem] leading-6 placeholder:text-zinc-500 focus:outline-none dark:placeholder:text-zinc-500"
      />
      <span id={hintId} className="sr-only">
        Enter sends; Shift+Enter starts a new line.
      </span>
      {busy ? (
        <button
          type="button"
          data-testid="stop-button"
          onClick={onStop}
          aria-label="Stop the answer"
          title="Stop"
          className={`${roundButton} bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300`}
        >
          <StopIcon className="size-5" />
        </button>
      ) : (
        <button
          type="submit"
          data-testid="send-button"
          disabled={!canSend}
          aria-label="Send"
          title="Send (Enter)"
          className={`${roundButton} bg-blue-600 text-white hover:bg-blue-700 disabled:bg-zinc-200 disabled:text-zinc-400 dark:bg-blue-500 dark:disabled:bg-zinc-800 dark:disabled:text-zinc-500 dark:hover:bg-blue-400`}
        >
          <SendIcon className="size-5" />
        </button>
      )}
    </form>
  );
}
