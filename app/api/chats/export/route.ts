import { requirePerson } from "@/lib/auth/person";
import { download, streamEach } from "@/lib/chat/download";
import { chatToJsonl } from "@/lib/chat/export";
import { findChat, listChats } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors, parseQuery } from "@/lib/http";
import { chatsExportQuerySchema } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const CONTEXT = "GET /api/chats/export";

function unknownIdsMessage(unknown: string[]): string {
  const named = unknown.slice(0, 5).map((id) => `"${id}"`);
  const more = unknown.length > named.length ? ` and ${unknown.length - named.length} more` : "";
  return unknown.length === 1
    ? `No chat has the id ${named[0]}. Nothing was exported.`
    : `No chats have the ids ${named.join(", ")}${more}. Nothing was exported.`;
}

/**
 * Chats as one JSONL file for LLM Foundry's fine-tuning (see chatToJsonl): every chat, newest first,
 * or those in `?ids=a,b` in that order; `&prompt=chatml|plain`, `&context=passages`. Written one
 * chat at a time as the client reads it, so the export of thousands of chats holds one in memory.
 */
export const GET = handleErrors(CONTEXT, async (request: Request) => {
  const { ids, prompt, context } = parseQuery(request, chatsExportQuerySchema);
  const { userId } = await requirePerson(request);
  const db = await getDb();
  const saved = (await listChats(db, userId)).map((chat) => chat.id);
  if (ids) {
    const known = new Set(saved);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError("not_found", unknownIdsMessage(unknown));
  }
  const body = streamEach({
    items: ids ?? saved,
    // A chat deleted while the file is written is left out.
    render: async (id) => {
      const found = await findChat(db, { id, ownerId: userId });
      return found ? chatToJsonl({ messages: found.messages, prompt, context }) : "";
    },
    context: CONTEXT,
  });
  return download({ body, name: "chats", extension: "jsonl", contentType: "application/jsonl" });
});
