import { requirePerson } from "@/lib/auth/person";
import { type ChatKey, deleteChat, findChat, renameChat } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { chatIdSchema, renameSchema } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The chat the path names, as the person's own: someone else's chat is as unknown as a missing one. */
async function chatKey(request: Request, { params }: Context): Promise<ChatKey> {
  const { userId } = await requirePerson(request);
  const parsed = chatIdSchema.safeParse((await params).id);
  if (!parsed.success) throw new AppError("not_found", "No chat with that id.");
  return { id: parsed.data, ownerId: userId };
}

export const GET = handleErrors("GET /api/chats/[id]", async (request: Request, context: Context) => {
  const found = await findChat(await getDb(), await chatKey(request, context));
  if (!found) throw new AppError("not_found", "No chat with that id.");
  const { chat, messages } = found;
  return Response.json({
    chat: {
      id: chat.id,
      title: chat.title,
      createdAt: chat.createdAt.toISOString(),
      updatedAt: chat.updatedAt.toISOString(),
    },
    messages,
  });
});

export const PATCH = handleErrors("PATCH /api/chats/[id]", async (request: Request, context: Context) => {
  const key = await chatKey(request, context);
  const { title } = await parseJsonBody(request, renameSchema);
  const chat = await renameChat(await getDb(), { ...key, title });
  if (!chat) throw new AppError("not_found", "No chat with that id.");
  return Response.json({ chat: { id: chat.id, title: chat.title } });
});

export const DELETE = handleErrors("DELETE /api/chats/[id]", async (request: Request, context: Context) => {
  const key = await chatKey(request, context);
  if (!(await deleteChat(await getDb(), key))) throw new AppError("not_found", "No chat with that id.");
  return Response.json({ deleted: key.id });
});
