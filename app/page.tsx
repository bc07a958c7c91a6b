import { DocumentsWorkspace } from "@/components/documents-workspace";
import { SiteHeader } from "@/components/site-header";
import { getEmbedder } from "@/lib/ai/embeddings";
import { collectionsOf, readableCollectionIds } from "@/lib/auth/access";
import { authMode } from "@/lib/auth/mode";
import { pagePerson } from "@/lib/auth/page-person";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { toDocumentJson } from "@/lib/ingest/document-json";

export const dynamic = "force-dynamic";

export default async function DocumentsPage() {
  const person = await pagePerson("/");
  const db = await getDb();
  const documents = (await listDocuments(db, await readableCollectionIds(db, person))).map(toDocumentJson);
  // Private first, then shared ones the person may add to.
  const collections =
    authMode() === "accounts"
      ? (await collectionsOf(db, person))
          .filter(({ canAdd }) => canAdd)
          .sort((a, b) => Number(a.collection.shared) - Number(b.collection.shared))
          .map(({ collection }) => ({
            id: collection.id,
            name: collection.shared ? collection.name : `${collection.name} (only you)`,
          }))
      : [];
  const embedder = getEmbedder();
  const config = env();

  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6 sm:py-10">
        <div className="mb-8">
          <h1 className="font-semibold text-2xl tracking-tight sm:text-3xl">Documents</h1>
          <p className="mt-2 text-zinc-600 dark:text-zinc-400">
            Upload the documents you want to chat with. Each one is split into passages and indexed for
            search.
          </p>
        </div>
        <DocumentsWorkspace
          initialDocuments={documents}
          maxUploadMb={config.MAX_UPLOAD_MB}
          embedderLabel={embedder.label}
          collections={collections}
        />
      </main>
    </>
  );
}
