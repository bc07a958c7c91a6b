import { RegenerateIcon, SpinnerIcon } from "../icons";
import { actionButton } from "./styles";

/** Stands in for the answer between sending and its first part: retrieval runs first. */
export function PendingAnswer({ useDocuments }: { useDocuments: boolean }) {
  return (
    <p
      data-testid="pending-answer"
      className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400"
    >
      <SpinnerIcon className="size-4" />
      {useDocuments ? "Searching your documents…" : "Waiting for the model…"}
    </p>
  );
}

/** The last question has no answer because it was stopped before the answer began. */
export function StoppedBeforeAnswer({ onRegenerate }: { onRegenerate: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
      <p>Stopped before an answer arrived.</p>
      <button type="button" data-testid="regenerate-button" onClick={onRegenerate} className={actionButton}>
        <RegenerateIcon className="size-4" />
        Ask again
      </button>
    </div>
  );
}
