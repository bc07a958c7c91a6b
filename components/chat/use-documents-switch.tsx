/** Whether questions search the documents (on) or go to the model alone (off). */
export function UseDocumentsSwitch({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      data-testid="use-documents-switch"
      onClick={() => onChange(!on)}
      className="group inline-flex items-center gap-2 rounded-lg px-1.5 py-1.5 font-medium text-sm text-zinc-700 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-200"
    >
      <span
        aria-hidden="true"
        className="relative h-5 w-9 shrink-0 rounded-full bg-zinc-300 transition-colors group-aria-checked:bg-blue-600 dark:bg-zinc-700 dark:group-aria-checked:bg-blue-500"
      >
        <span className="absolute top-0.5 left-0.5 size-4 rounded-full bg-white shadow-sm transition-transform group-aria-checked:translate-x-4 motion-reduce:transition-none" />
      </span>
      Use documents
    </button>
  );
}
