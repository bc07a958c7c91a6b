import { createUIMessageStreamResponse, safeValidateUIMessages } from "ai";
import { readableScope } from "@/lib/auth/access";
import { requirePerson } from "@/lib/auth/person";
import { chatAnswerStream } from "@/lib/chat/answer";
import { messageText } from "@/lib/chat/message-parts";
import { respondInChat } from "@/lib/chat/turn";
import type { ChatUIMessage } from "@/lib/chat/types";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { enforceRateLimit } from "@/lib/rate-limit";
import { chatRequestSchema, MAX_CHAT_REQUEST_BYTES, MAX_QUESTION_CHARS } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 120;

async function validated(messages: unknown[]): Promise<ChatUIMessage[]> {
  const result = await safeValidateUIMessages<ChatUIMessage>({ messages });
  if (!result.success)
    throw new AppError("bad_request", `The messages are not valid UI messages: ${result.error.message}`);
  return result.data;
}

function checkQuestion(message: ChatUIMessage | undefined): ChatUIMessage {
  if (message?.role !== "user")
    throw new AppError("bad_request", "The last message must be the user's question.");
  const length = messageText(message).length;
  if (length > MAX_QUESTION_CHARS) {
    throw new AppError(
      "bad_request",
      `The question is ${length} characters long; the limit is ${MAX_QUESTION_CHARS}.`,
    );
  }
  return message;
}

/** The question as the server keeps it: its id and text, nothing else a client could pass off as saved. */
function keptQuestion(message: ChatUIMessage): ChatUIMessage {
  const parts = message.parts
    .filter((part) => part.type === "text")
    .map((part) => ({ type: "text" as const, text: part.text }));
  return { id: message.id, role: "user", parts };
}

export const POST = handleErrors("POST /api/chat", async (request: Request) => {
  await enforceRateLimit(request, { action: "chat", perMinute: env().RATE_LIMIT_CHAT_PER_MINUTE });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CHAT_REQUEST_BYTES) {
    throw new AppError("payload_too_large", "The conversation is too large to send. Start a new chat.");
  }
  const body = await parseJsonBody(request, chatRequestSchema);
  const person = await requirePerson(request);
  // Only what the person may read is searched or read whole, whatever the scope asks for.
  const documentIds = await readableScope(await getDb(), person, body.documentIds);
  const options = { documentIds, useDocuments: body.useDocuments, task: body.task };

  if (!body.save) {
    // Not part of a saved chat: the page's conversation is answered as sent, and nothing is kept.
    const messages = await validated(body.messages ?? [body.message]);
    checkQuestion(messages.at(-1));
    return createUIMessageStreamResponse({
      stream: await chatAnswerStream({ ...options, messages, signal: request.signal }),
    });
  }
  const regenerate = body.trigger === "regenerate-message";
  const sent = body.message !== undefined ? [body.message] : (body.messages ?? []);
  const question = regenerate ? undefined : keptQuestion(checkQuestion((await validated(sent)).at(-1)));
  return respondInChat({
    ...options,
    chatId: body.id,
    ownerId: person.userId,
    question,
    parentId: body.parentId,
  });
});
