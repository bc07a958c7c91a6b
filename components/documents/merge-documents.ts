import type { DocumentJson } from "@/lib/ingest/document-json";

export function newestFirst(a: DocumentJson, b: DocumentJson) {
  return b.createdAt.localeCompare(a.createdAt);
}

function sameDocument(a: DocumentJson, b: DocumentJson): boolean {
  return (
    a.status === b.status &&
    a.name === b.name &&
    a.error === b.error &&
    a.pages === b.pages &&
    a.chunks === b.chunks &&
    a.bytes === b.bytes &&
    a.progress.pagesDone === b.progress.pagesDone &&
    a.progress.pageCount === b.progress.pageCount &&
    a.progress.chunksDone === b.progress.chunksDone &&
    a.progress.chunksTotal === b.progress.chunksTotal
  );
}

/**
 * The list after a poll: the server's documents, except those this page removed after the poll
 * began, plus those it added after the poll began (the answer cannot know them yet). Unchanged
 * documents keep their objects, and an unchanged list is `current` itself, so rows re-render only
 * when they change.
 */
export function mergeDocuments({
  current,
  fresh,
  addedSincePoll,
  removedSincePoll,
}: {
  current: DocumentJson[];
  fresh: DocumentJson[];
  addedSincePoll: (id: string) => boolean;
  removedSincePoll: (id: string) => boolean;
}): DocumentJson[] {
  const previous = new Map(current.map((document) => [document.id, document]));
  const freshIds = new Set(fresh.map((document) => document.id));
  const merged = fresh
    .filter((document) => !removedSincePoll(document.id))
    .map((document) => {
      const before = previous.get(document.id);
      return before && sameDocument(before, document) ? before : document;
    });
  const kept = current.filter((document) => !freshIds.has(document.id) && addedSincePoll(document.id));
  const next = kept.length > 0 ? [...kept, ...merged].sort(newestFirst) : merged;
  const unchanged =
    next.length === current.length && next.every((document, index) => document === current[index]);
  return unchanged ? current : next;
}
