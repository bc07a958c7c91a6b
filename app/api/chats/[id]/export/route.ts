import { requirePerson } from "@/lib/auth/person";
import { download } from "@/lib/chat/download";
import { chatToJsonl, chatToMarkdown } from "@/lib/chat/export";
import { findChat } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors, parseQuery } from "@/lib/http";
import { chatExportQuerySchema, chatIdSchema } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `?format=markdown` (default) or `?format=jsonl`: LLM Foundry's {"prompt","response"} lines, with
 * `&prompt=chatml|plain` and `&context=passages` (see chatToJsonl).
 */
export const GET = handleErrors(
  "GET /api/chats/[id]/export",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const id = chatIdSchema.safeParse((await params).id);
    const { format, prompt, context } = parseQuery(request, chatExportQuerySchema);
    const { userId } = await requirePerson(request);
    const found = id.success ? await findChat(await getDb(), { id: id.data, ownerId: userId }) : null;
    if (!found) throw new AppError("not_found", "No chat with that id.");
    const { chat, messages } = found;
    return format === "jsonl"
      ? download({
          body: chatToJsonl({ messages, prompt, context }),
          name: chat.title,
          extension: "jsonl",
          contentType: "application/jsonl",
        })
      : download({
          body: chatToMarkdown({ title: chat.title, messages }),
          name: chat.title,
          extension: "md",
          contentType: "text/markdown",
        });
  },
);
