import { useCallback, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { type Upload, useUploads } from "../upload/use-uploads";
import type { ScopeDocument } from "./scope-picker";

function settledMessage(upload: Upload): string {
  if (upload.status === "error") return `${upload.name} failed: ${upload.error}`;
  if (upload.duplicate) return `${upload.name} was already in your documents.`;
  return `${upload.name} is ready; it is now in your documents.`;
}

/**
 * The documents the chat can answer from, the scope chosen among them, and files added from the
 * chat. An empty scope means all documents; a document added while a subset is chosen joins it,
 * as whoever drops a file on the chat means to ask about it.
 */
export function useChatDocuments({
  initialDocuments,
  maxUploadMb,
}: {
  initialDocuments: DocumentJson[];
  maxUploadMb: number;
}) {
  const [documents, setDocuments] = useState<ScopeDocument[]>(() =>
    initialDocuments.filter((document) => document.status === "ready").map(({ id, name }) => ({ id, name })),
  );
  const [scope, setScope] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState("");

  const onDocument = useCallback((document: DocumentJson) => {
    if (document.status !== "ready") return;
    setDocuments((current) => [
      { id: document.id, name: document.name },
      ...current.filter((existing) => existing.id !== document.id),
    ]);
    setScope((current) =>
      current.length === 0 || current.includes(document.id) ? current : [...current, document.id],
    );
  }, []);

  const onSettled = useCallback((upload: Upload) => setAnnouncement(settledMessage(upload)), []);

  const { uploads, addFiles, cancel, dismiss } = useUploads({ maxUploadMb, onDocument, onSettled });

  return { documents, scope, setScope, uploads, addFiles, cancel, dismiss, announcement };
}
