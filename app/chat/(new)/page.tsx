import type { Metadata } from "next";
import { ChatScreen } from "../chat-screen";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Chat · DBRX Docs Chat" };

/** A new chat: its id is made here, and the chat is saved under it once the first answer ends. */
export default function ChatPage() {
  return <ChatScreen chatId={crypto.randomUUID()} />;
}
