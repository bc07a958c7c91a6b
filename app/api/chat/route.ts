import { safeValidateUIMessages } from "ai";
import { checkContinuesSavedChat } from "@/lib/chat/continuity";
import { messageText } from "@/lib/chat/message-parts";
import { streamChatResponse } from "@/lib/chat/respond";
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

export const POST = handleErrors("POST /api/chat", async (request: Request) => {
  await enforceRateLimit(request, { action: "chat", perMinute: env().RATE_LIMIT_CHAT_PER_MINUTE });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_CHAT_REQUEST_BYTES) {
    throw new AppError("payload_too_large", "The conversation is too large to send. Start a new chat.");
  }
  const body = await parseJsonBody(request, chatRequestSchema);
  const validated = await safeValidateUIMessages<ChatUIMessage>({ messages: body.messages });
  if (!validated.success)
    throw new AppError("bad_request", `The messages are not valid UI messages: ${validated.error.message}`);
  const last = validated.data.at(-1);
  const questionLength = last ? messageText(last).length : 0;
  if (questionLength > MAX_QUESTION_CHARS) {
    throw new AppError(
      "bad_request",
      `The question is ${questionLength} characters long; the limit is ${MAX_QUESTION_CHARS}.`,
    );
  }
  const chatId = body.save ? body.id : undefined;
  if (chatId) await checkContinuesSavedChat(await getDb(), chatId, validated.data);
  return streamChatResponse({
    chatId,
    messages: validated.data,
    documentIds: body.documentIds,
    useDocuments: body.useDocuments,
    signal: request.signal,
  });
});
