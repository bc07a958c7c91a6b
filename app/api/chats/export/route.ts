import { download } from "@/lib/chat/download";
import { chatToJsonl } from "@/lib/chat/export";
import { findChat, listChats } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Every chat's question/answer pairs as one JSONL file for LLM Foundry's fine-tuning. */
export const GET = handleErrors("GET /api/chats/export", async () => {
  const db = await getDb();
  const parts: string[] = [];
  for (const chat of await listChats(db)) {
    const found = await findChat(db, chat.id);
    if (found) parts.push(chatToJsonl(found.messages));
  }
  return download({
    body: parts.join(""),
    name: "chats",
    extension: "jsonl",
    contentType: "application/jsonl",
  });
});
