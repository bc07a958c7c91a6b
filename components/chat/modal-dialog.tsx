import { type ReactNode, useEffect, useRef } from "react";

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind inert and closes on
 * Escape. Open while mounted; focus goes back to where it was when it closes.
 */
export function ModalDialog({
  onClose,
  labelledBy,
  testId,
  className,
  children,
}: {
  onClose: () => void;
  labelledBy: string;
  testId: string;
  className: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    return () => {
      element.close();
      opener?.focus();
    };
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is a backdrop click; Escape is its keyboard equivalent.
    <dialog
      ref={dialog}
      data-testid={testId}
      aria-labelledby={labelledBy}
      // Escape fires "cancel"; the parent unmounts the dialog, which closes it. React passes a nested
      // dialog's cancel up through its parents, so only the dialog's own counts.
      onCancel={(event) => {
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose();
      }}
      className={`m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-1.5rem)] overflow-hidden rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100 ${className}`}
    >
      {children}
    </dialog>
  );
}
