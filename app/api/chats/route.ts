import { requirePerson } from "@/lib/auth/person";
import { toChatSummary } from "@/lib/chat/chat-json";
import { listChats } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = handleErrors("GET /api/chats", async (request: Request) => {
  const { userId } = await requirePerson(request);
  const chats = await listChats(await getDb(), userId);
  return Response.json({ chats: chats.map(toChatSummary) });
});
