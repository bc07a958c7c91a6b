import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pagePerson } from "@/lib/auth/page-person";
import { findChat } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { ChatScreen } from "../chat-screen";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Chat · DBRX Docs Chat" };

/** A saved chat, resumed where it ended. */
export default async function SavedChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const person = await pagePerson(`/chat/${encodeURIComponent(id)}`);
  const saved = await findChat(await getDb(), { id, ownerId: person.userId });
  if (!saved) notFound();
  return <ChatScreen person={person} chatId={saved.chat.id} initialMessages={saved.messages} />;
}
