import type { Metadata } from "next";
import { ChatWorkspace } from "@/components/chat/chat-workspace";
import { SiteHeader } from "@/components/site-header";
import { getEmbedder } from "@/lib/ai/embeddings";
import { getChatModelInfo } from "@/lib/ai/providers";
import { suggestedQuestions } from "@/lib/chat/suggestions";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { toDocumentJson } from "@/lib/ingest/document-json";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Chat · DBRX Docs Chat" };

export default async function ChatPage() {
  const [rows, suggestions] = await Promise.all([getDb().then(listDocuments), suggestedQuestions()]);
  const documents = rows.map(toDocumentJson).filter((document) => document.status === "ready");
  const config = env();

  return (
    // The page is as tall as the window: the conversation scrolls, the question field stays in view.
    <div className="flex h-dvh flex-col">
      <SiteHeader
        embedderOffline={getEmbedder().offline}
        modelConfigured={!getChatModelInfo().offline}
        current="chat"
      />
      <main className="flex min-h-0 flex-1 flex-col">
        <h1 className="sr-only">Chat with your documents</h1>
        <ChatWorkspace
          initialDocuments={documents}
          suggestions={suggestions}
          modelInfo={getChatModelInfo()}
          maxUploadMb={config.MAX_UPLOAD_MB}
        />
      </main>
    </div>
  );
}
