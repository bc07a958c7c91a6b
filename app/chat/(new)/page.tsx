import type { Metadata } from "next";
import { z } from "zod";
import { pagePerson } from "@/lib/auth/page-person";
import { SUMMARIZE_PARAM } from "@/lib/chat/summary-href";
import { ChatScreen } from "../chat-screen";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Chat · DBRX Docs Chat" };

const summarizeSchema = z
  .string()
  .transform((value) => value.split(","))
  .pipe(z.array(z.string().uuid()).min(1).max(50));

/**
 * A new chat: its id is made here, and the chat is saved under it as its first answer starts.
 * `?summarize=<id>,<id>` opens it with a summary of those documents (the documents page and the viewer link here).
 */
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const person = await pagePerson("/chat");
  const parsed = summarizeSchema.safeParse((await searchParams)[SUMMARIZE_PARAM]);
  return (
    <ChatScreen
      person={person}
      chatId={crypto.randomUUID()}
      summarize={parsed.success ? parsed.data : undefined}
    />
  );
}
