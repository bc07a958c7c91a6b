import { ChatWorkspace } from "@/components/chat/chat-workspace";
import { SiteHeader } from "@/components/site-header";
import { getChatModelInfo } from "@/lib/ai/providers";
import { readableCollectionIds } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { toChatSummary } from "@/lib/chat/chat-json";
import { suggestedQuestions } from "@/lib/chat/suggestions";
import type { ChatUIMessage } from "@/lib/chat/types";
import { env } from "@/lib/config/env";
import { listChats } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { toDocumentJson } from "@/lib/ingest/document-json";

/** The chat page, new (/chat) or resumed (/chat/<id>): loads documents and past chats, then the workspace. */
export async function ChatScreen({
  person,
  chatId,
  initialMessages,
  summarize,
}: {
  person: Person;
  chatId: string;
  initialMessages?: ChatUIMessage[];
  /** Documents to summarise as the chat opens. */
  summarize?: string[];
}) {
  const db = await getDb();
  const collectionIds = await readableCollectionIds(db, person);
  const [rows, chatRows, suggestions] = await Promise.all([
    listDocuments(db, collectionIds),
    listChats(db, person.userId),
    suggestedQuestions(collectionIds),
  ]);
  const documents = rows.map(toDocumentJson).filter((document) => document.status === "ready");
  const chats = chatRows.map(toChatSummary);
  const config = env();

  return (
    // The page is as tall as the window: the conversation scrolls, the question field stays in view.
    <div className="flex h-dvh flex-col">
      <SiteHeader current="chat" />
      <main className="flex min-h-0 flex-1 flex-col">
        <h1 className="sr-only">Chat with your documents</h1>
        <ChatWorkspace
          // A different chat is a different conversation: nothing of the last one's state carries over.
          key={chatId}
          chatId={chatId}
          initialMessages={initialMessages}
          initialChats={chats}
          initialDocuments={documents}
          suggestions={suggestions}
          modelInfo={getChatModelInfo()}
          maxUploadMb={config.MAX_UPLOAD_MB}
          summarize={summarize?.filter((id) => documents.some((document) => document.id === id))}
        />
      </main>
    </div>
  );
}
