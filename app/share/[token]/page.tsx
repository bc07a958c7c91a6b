import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharedTranscript } from "@/components/chat/shared-transcript";
import { findSharedChat } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Shared chat · DBRX Docs Chat", robots: { index: false } };

/** A conversation shared by link: read-only, with its citations, and no question field. */
export default async function SharedChatPage({ params }: { params: Promise<{ token: string }> }) {
  const shared = await findSharedChat(await getDb(), (await params).token);
  if (!shared) notFound();
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">Shared conversation · read-only</p>
      <h1 data-testid="shared-title" className="mt-1 mb-8 font-semibold text-2xl tracking-tight">
        {shared.chat.title}
      </h1>
      <SharedTranscript messages={shared.messages} />
    </main>
  );
}
