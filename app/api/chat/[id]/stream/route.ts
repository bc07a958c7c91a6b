import { requirePerson } from "@/lib/auth/person";
import { resumeAnswer, stopAnswer } from "@/lib/chat/turn";
import type { ChatKey } from "@/lib/db/chats";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { chatIdSchema } from "../../../chats/schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 120;

type Context = { params: Promise<{ id: string }> };

async function chatKey(request: Request, { params }: Context): Promise<ChatKey> {
  const { userId } = await requirePerson(request);
  const parsed = chatIdSchema.safeParse((await params).id);
  if (!parsed.success) throw new AppError("not_found", "No chat with that id.");
  return { id: parsed.data, ownerId: userId };
}

/** Reconnects to the answer being written in the chat, from its beginning; 204 when none is. */
export const GET = handleErrors("GET /api/chat/[id]/stream", async (request: Request, context: Context) =>
  resumeAnswer(await chatKey(request, context)),
);

/** Stops that answer: the model call ends and what it wrote is saved. 202 when one was running, else 204. */
export const DELETE = handleErrors(
  "DELETE /api/chat/[id]/stream",
  async (request: Request, context: Context) =>
    (await stopAnswer(await chatKey(request, context)))
      ? Response.json({ stopping: true }, { status: 202 })
      : new Response(null, { status: 204 }),
);
