import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { deleteDocument } from "../documents/delete-document";
import { useLiveDocuments } from "../documents/use-live-documents";
import { plural } from "../format";
import { type BatchResult, type Upload, useUploads } from "../upload/use-uploads";
import type { ScopeDocument } from "./scope-picker";

/** A line under the composer: a file on its way up, or a document dropped here, until dismissed. */
export type ChatUploadItem =
  | { kind: "upload"; id: string; upload: Upload }
  | {
      kind: "document";
      id: string;
      document: DocumentJson;
      duplicate: boolean;
      cancelling: boolean;
      error: string | null;
    };

type Followed = { id: string; duplicate: boolean; cancelling: boolean; error: string | null };

function settledMessage(settled: DocumentJson[]): string {
  return settled
    .map((document) =>
      document.status === "ready"
        ? `${document.name} is ready; it is now in your documents.`
        : `${document.name} failed: ${document.error}`,
    )
    .join(" ");
}

function batchMessage({ accepted, refused }: BatchResult): string {
  const parts = accepted.map(({ document, duplicate }) =>
    duplicate
      ? `${document.name} was already in your documents.`
      : `${document.name} is uploaded; indexing it.`,
  );
  if (refused.length === 1) parts.push(`${refused[0].name} was not uploaded: ${refused[0].error}`);
  else if (refused.length > 1) parts.push(`${plural(refused.length, "file")} were not uploaded.`);
  return parts.join(" ");
}

/**
 * The documents the chat can answer from (ready ones), the scope chosen among them, and files
 * dropped on the chat, followed through upload and indexing. An empty scope means all documents; a
 * document added while a subset is chosen joins it once ready, as whoever drops a file on the chat
 * means to ask about it.
 */
export function useChatDocuments({
  initialDocuments,
  maxUploadMb,
}: {
  initialDocuments: DocumentJson[];
  maxUploadMb: number;
}) {
  const [scope, setScope] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const [followed, setFollowed] = useState<Followed[]>([]);
  const followedIds = useRef(new Set<string>());
  useEffect(() => {
    followedIds.current = new Set(followed.map(({ id }) => id));
  }, [followed]);

  const joinScope = useCallback((ids: string[]) => {
    if (ids.length === 0) return;
    setScope((current) => (current.length === 0 ? current : [...new Set([...current, ...ids])]));
  }, []);

  const onSettled = useCallback(
    (settled: DocumentJson[]) => {
      const dropped = settled.filter((document) => followedIds.current.has(document.id));
      if (dropped.length === 0) return;
      joinScope(dropped.filter((document) => document.status === "ready").map(({ id }) => id));
      setAnnouncement(settledMessage(dropped));
    },
    [joinScope],
  );
  const live = useLiveDocuments({ initialDocuments, onSettled });
  const { addDocuments, removeDocument } = live;

  const onBatch = useCallback(
    (result: BatchResult) => {
      const documents = result.accepted.map(({ document }) => document);
      addDocuments(documents);
      const ids = new Set(documents.map(({ id }) => id));
      followedIds.current = new Set([...followedIds.current, ...ids]);
      setFollowed((current) => [
        ...current.filter(({ id }) => !ids.has(id)),
        ...result.accepted.map(({ document, duplicate }) => ({
          id: document.id,
          duplicate,
          cancelling: false,
          error: null,
        })),
      ]);
      joinScope(documents.filter((document) => document.status === "ready").map(({ id }) => id));
      setAnnouncement(batchMessage(result));
    },
    [addDocuments, joinScope],
  );
  const uploads = useUploads({ maxUploadMb, onBatch });

  const documents = useMemo<ScopeDocument[]>(
    () =>
      live.documents.filter((document) => document.status === "ready").map(({ id, name }) => ({ id, name })),
    [live.documents],
  );

  const items = useMemo<ChatUploadItem[]>(() => {
    const byId = new Map(live.documents.map((document) => [document.id, document]));
    return [
      // A file found already there is shown as its document, below.
      ...uploads.uploads
        .filter((upload) => upload.status !== "duplicate")
        .map((upload) => ({ kind: "upload" as const, id: upload.id, upload })),
      ...followed.flatMap((entry) => {
        const document = byId.get(entry.id);
        return document ? [{ kind: "document" as const, document, ...entry }] : [];
      }),
    ];
  }, [uploads.uploads, followed, live.documents]);

  const unfollow = useCallback((id: string) => {
    setFollowed((current) => current.filter((entry) => entry.id !== id));
  }, []);

  const updateFollowed = useCallback((id: string, change: Partial<Followed>) => {
    setFollowed((current) => current.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)));
  }, []);

  /** Stops an upload, or cancels a dropped document's indexing (which removes it). */
  const cancel = useCallback(
    async (id: string) => {
      if (!followedIds.current.has(id)) return uploads.cancel(id);
      updateFollowed(id, { cancelling: true, error: null });
      const outcome = await deleteDocument(id);
      if (!outcome.ok) {
        updateFollowed(id, { cancelling: false, error: outcome.error });
        return;
      }
      removeDocument(id);
      unfollow(id);
      setAnnouncement("Cancelled; the document is removed.");
    },
    [uploads.cancel, removeDocument, unfollow, updateFollowed],
  );

  const dismiss = useCallback(
    (id: string) => (followedIds.current.has(id) ? unfollow(id) : uploads.dismiss(id)),
    [uploads.dismiss, unfollow],
  );

  return {
    documents,
    scope,
    setScope,
    uploads: items,
    addFiles: uploads.addFiles,
    cancel,
    dismiss,
    announcement,
  };
}
