import { useEffect, useId, useRef, useState } from "react";
import { ChevronDownIcon } from "../icons";
import { toolbarButton } from "./styles";

export type ScopeDocument = { id: string; name: string };

function scopeLabel(documents: ScopeDocument[], selected: string[]): string {
  if (selected.length === 0) return "All documents";
  if (selected.length === 1)
    return documents.find((document) => document.id === selected[0])?.name ?? "1 document";
  return `${selected.length} documents`;
}

const optionRow =
  "flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 has-[:focus-visible]:bg-zinc-100 dark:hover:bg-zinc-800 dark:has-[:focus-visible]:bg-zinc-800";
const checkbox = "size-4 shrink-0 accent-blue-600 focus-visible:outline-2 focus-visible:outline-blue-600";

/**
 * Which documents answers come from: all of them (nothing selected), or the ticked ones.
 * A disclosure button with a group of checkboxes; Escape or a click elsewhere closes it.
 */
export function ScopePicker({
  documents,
  selected,
  onChange,
  disabled,
}: {
  documents: ScopeDocument[];
  selected: string[];
  onChange: (selected: string[]) => void;
  disabled: boolean;
}) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const headingId = useId();

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector("input")?.focus();
    const closeIfOutside = (event: Event) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", closeIfOutside);
    document.addEventListener("focusin", closeIfOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeIfOutside);
      document.removeEventListener("focusin", closeIfOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...selected, id] : selected.filter((selectedId) => selectedId !== id));

  return (
    <div ref={wrapper} data-testid="scope-picker" className="relative min-w-0">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={disabled}
        title={disabled ? "Turn on “Use documents” to choose documents" : undefined}
        onClick={() => setOpen((current) => !current)}
        className={`${toolbarButton} max-w-full`}
      >
        <span className="sr-only">Answer from: </span>
        <span className="truncate">{scopeLabel(documents, selected)}</span>
        <ChevronDownIcon className={`size-4 shrink-0 transition-transform ${open ? "rotate-180" : ""}`} />
      </button>
      <div
        ref={panel}
        id={panelId}
        hidden={!open}
        className="absolute bottom-full left-0 z-20 mb-2 w-80 max-w-[calc(100vw-2rem)] rounded-xl border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        <fieldset aria-labelledby={headingId}>
          <legend
            id={headingId}
            className="px-2 pt-1 pb-1.5 font-medium text-xs text-zinc-500 dark:text-zinc-400"
          >
            Answer from
          </legend>
          <label className={optionRow}>
            <input
              type="checkbox"
              data-testid="scope-all"
              checked={selected.length === 0}
              onChange={() => onChange([])}
              className={checkbox}
            />
            <span className="font-medium">All documents</span>
          </label>
          <div className="my-1 max-h-60 overflow-y-auto border-zinc-100 border-t pt-1 dark:border-zinc-800">
            {documents.length === 0 && (
              <p className="px-2 py-1.5 text-sm text-zinc-500 dark:text-zinc-400">No documents yet.</p>
            )}
            {documents.map((document) => (
              <label key={document.id} className={optionRow}>
                <input
                  type="checkbox"
                  data-testid="scope-option"
                  data-document-id={document.id}
                  checked={selected.includes(document.id)}
                  onChange={(event) => toggle(document.id, event.target.checked)}
                  className={checkbox}
                />
                <span className="min-w-0 truncate" title={document.name}>
                  {document.name}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <a
          href="/"
          className="block rounded-md px-2 py-1.5 text-sm text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400"
        >
          Upload or manage documents
        </a>
      </div>
    </div>
  );
}
