import { requirePerson } from "@/lib/auth/person";
import { sharePath } from "@/lib/chat/chat-json";
import { shareChat, unshareChat } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { chatIdSchema } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** The chat's read-only link, `{ token, path }`: made on the first call, the same one after that. */
export const POST = handleErrors(
  "POST /api/chats/[id]/share",
  async (request: Request, { params }: Context) => {
    const { userId } = await requirePerson(request);
    const id = chatIdSchema.safeParse((await params).id);
    const token = id.success ? await shareChat(await getDb(), { id: id.data, ownerId: userId }) : null;
    if (!token) throw new AppError("not_found", "No chat with that id.");
    return Response.json({ token, path: sharePath(token) });
  },
);

/** Revokes the link; it answers 404 from then on. */
export const DELETE = handleErrors(
  "DELETE /api/chats/[id]/share",
  async (request: Request, { params }: Context) => {
    const { userId } = await requirePerson(request);
    const id = chatIdSchema.safeParse((await params).id);
    if (!id.success || !(await unshareChat(await getDb(), { id: id.data, ownerId: userId })))
      throw new AppError("not_found", "No chat with that id.");
    return Response.json({ revoked: true });
  },
);
