import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import type { SearchMode } from "@/lib/rag/types";
import { plural } from "../format";
import { AlertIcon, SearchIcon, SpinnerIcon } from "../icons";
import { type SearchResult, searchDocuments } from "./search-request";
import { SearchResultItem } from "./search-result";

type SearchState =
  | { kind: "idle" }
  | { kind: "searching" }
  | { kind: "results"; query: string; results: SearchResult[]; search: SearchMode }
  | { kind: "error"; message: string };

const ALL_DOCUMENTS = "";

const fieldClass =
  "rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-blue-600 focus:outline-2 focus:outline-blue-600/30 dark:border-zinc-700 dark:bg-zinc-950";

export function SearchPanel({
  documents,
  embedderLabel,
}: {
  documents: DocumentJson[];
  embedderLabel: string;
}) {
  const [query, setQuery] = useState("");
  const [scope, setScope] = useState(ALL_DOCUMENTS);
  const [exact, setExact] = useState(false);
  const [state, setState] = useState<SearchState>({ kind: "idle" });
  const running = useRef<AbortController | null>(null);
  const inputId = useId();
  const scopeId = useId();
  const exactId = useId();
  const ready = documents.filter((document) => document.status === "ready");
  // A scoped document that has since been deleted falls back to searching everything.
  const scopedId = ready.some((document) => document.id === scope) ? scope : ALL_DOCUMENTS;

  useEffect(() => () => running.current?.abort(), []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = query.trim();
    if (!trimmed) {
      setState({ kind: "error", message: "Type a few words to search for." });
      return;
    }
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ kind: "searching" });
    try {
      const outcome = await searchDocuments({
        query: trimmed,
        documentIds: scopedId ? [scopedId] : undefined,
        // Unchecked leaves the choice to the server, which searches small scopes exactly anyway.
        exact: exact || undefined,
        signal: controller.signal,
      });
      setState(
        outcome.ok
          ? { kind: "results", query: trimmed, results: outcome.results, search: outcome.search }
          : { kind: "error", message: outcome.error },
      );
    } catch {
      // Replaced by a newer search, which owns the state now.
    }
  };

  const present = new Set(documents.map((document) => document.id));
  const results =
    state.kind === "results" ? state.results.filter((result) => present.has(result.documentId)) : [];

  return (
    <div>
      <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor={inputId} className="sr-only">
          Search query
        </label>
        <input
          id={inputId}
          type="search"
          data-testid="search-input"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="e.g. how is a length encoded in DER?"
          autoComplete="off"
          className={`min-w-0 flex-1 ${fieldClass}`}
        />
        <div className="flex gap-2">
          <label htmlFor={scopeId} className="sr-only">
            Documents to search
          </label>
          <select
            id={scopeId}
            data-testid="search-scope"
            value={scopedId}
            onChange={(event) => setScope(event.target.value)}
            className={`min-w-0 flex-1 sm:max-w-56 ${fieldClass}`}
          >
            <option value={ALL_DOCUMENTS}>All documents</option>
            {ready.map((document) => (
              <option key={document.id} value={document.id}>
                {document.name}
              </option>
            ))}
          </select>
          <button
            type="submit"
            data-testid="search-submit"
            disabled={state.kind === "searching"}
            className="inline-flex shrink-0 items-center gap-1.5 rounded-lg bg-blue-600 px-4 py-2 font-medium text-sm text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-2 disabled:opacity-70 dark:bg-blue-600 dark:hover:bg-blue-500"
          >
            {state.kind === "searching" ? (
              <SpinnerIcon className="size-4" />
            ) : (
              <SearchIcon className="size-4" />
            )}
            Search
          </button>
        </div>
      </form>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <p>Ranked by: {embedderLabel}</p>
        <label htmlFor={exactId} className="inline-flex items-center gap-1.5">
          <input
            id={exactId}
            type="checkbox"
            data-testid="search-exact"
            checked={exact}
            onChange={(event) => setExact(event.target.checked)}
            className="size-3.5 accent-blue-600"
          />
          Exact search (score every passage; slower on large libraries)
        </label>
      </div>

      {/* Only the outcome is announced; the passages themselves are read on demand. */}
      <div aria-live="polite">
        {state.kind === "error" && (
          <p
            data-testid="search-error"
            className="mt-4 flex items-start gap-1.5 rounded-lg bg-red-50 px-3 py-2 text-red-800 text-sm dark:bg-red-950/40 dark:text-red-300"
          >
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
            {state.message}
          </p>
        )}
        {state.kind === "results" && results.length === 0 && (
          <p data-testid="search-empty" className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
            No matching passages for “{state.query}”.
          </p>
        )}
        {state.kind === "results" && results.length > 0 && (
          <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
            {plural(results.length, "passage")} for “{state.query}”, best first{" "}
            <span data-testid="search-mode" className="text-zinc-500 dark:text-zinc-400">
              · {state.search === "exact" ? "exact search" : "approximate search (vector index)"}
            </span>
          </p>
        )}
      </div>
      {state.kind === "results" && results.length > 0 && (
        <ol className="mt-2 space-y-2">
          {results.map((result) => (
            <SearchResultItem
              key={`${result.documentId}:${result.chunkIndex}`}
              result={result}
              query={state.query}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
