import { resumeAnswer, stopAnswer } from "@/lib/chat/turn";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { chatIdSchema } from "../../../chats/schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 120;

type Context = { params: Promise<{ id: string }> };

async function chatId({ params }: Context): Promise<string> {
  const parsed = chatIdSchema.safeParse((await params).id);
  if (!parsed.success) throw new AppError("not_found", "No chat with that id.");
  return parsed.data;
}

/** Reconnects to the answer being written in the chat, from its beginning; 204 when none is. */
export const GET = handleErrors("GET /api/chat/[id]/stream", async (_request: Request, context: Context) =>
  resumeAnswer(await chatId(context)),
);

/** Stops that answer: the model call ends and what it wrote is saved. 202 when one was running, else 204. */
export const DELETE = handleErrors(
  "DELETE /api/chat/[id]/stream",
  async (_request: Request, context: Context) =>
    (await stopAnswer(await chatId(context)))
      ? Response.json({ stopping: true }, { status: 202 })
      : new Response(null, { status: 204 }),
);
