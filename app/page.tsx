import { DocumentsWorkspace } from "@/components/documents-workspace";
import { SiteHeader } from "@/components/site-header";
import { getEmbedder } from "@/lib/ai/embeddings";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { toDocumentJson } from "@/lib/ingest/document-json";

export const dynamic = "force-dynamic";

export default async function DocumentsPage() {
  const documents = (await listDocuments(await getDb())).map(toDocumentJson);
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
        />
      </main>
    </>
  );
}
