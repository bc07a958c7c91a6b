import "server-only";
import { createUIMessageStreamResponse, generateId, UI_MESSAGE_STREAM_HEADERS } from "ai";
import { activeStreamOf, beginTurn, type ChatKey, finishTurn, type TurnRefusal } from "@/lib/db/chats";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Timings } from "@/lib/timings";
import { chatAnswerStream } from "./answer";
import type { AnswerRequest } from "./respond";
import { getAnswerStreams } from "./streams/answer-streams";
import type { ChatTask, ChatUIMessage } from "./types";

const REFUSALS: Record<TurnRefusal, AppError> = {
  deleted: new AppError("not_found", "This chat was deleted. Start a new chat to go on."),
  changed: new AppError(
    "conflict",
    "This chat has changed in another tab or window. Reload the page to see it, then ask again.",
  ),
  busy: new AppError(
    "conflict",
    "An answer is still being written in this chat, in another tab or window. Wait for it or stop it, then ask again.",
  ),
  "no-question": new AppError("bad_request", "This chat has no question to answer again."),
  "not-found": new AppError("not_found", "No chat with that id."),
};

export type ChatTurn = Omit<AnswerRequest, "messages" | "signal" | "answerId" | "timings" | "onEnd"> & {
  chatId: string;
  /** The person asking, who owns the chat (or will, if it is new). */
  ownerId: string;
  /** A new question; none answers the chat's last question again. */
  question?: ChatUIMessage;
  /** The last message the asking page had; see TurnRequest. */
  parentId?: string | null;
  task?: ChatTask;
};

/**
 * A turn of a saved chat, owned by the server: the history is the saved one, the new question is
 * appended to it, and the answer is written to a resumable stream that outlives this request. A
 * page that reloads, or a second tab, reads it again (`resumeAnswer`); only a stop request
 * (`stopAnswer`) ends the model call, and what was written by then is saved.
 */
export async function respondInChat({
  chatId,
  ownerId,
  question,
  parentId,
  ...request
}: ChatTurn): Promise<Response> {
  const db = await getDb();
  const timings = new Timings();
  const streamId = generateId();
  const turn = timings.measure("history", () =>
    beginTurn(db, { id: chatId, ownerId, question, parentId, streamId }),
  );
  const streams = getAnswerStreams();
  const controller = new AbortController();
  let version: number | null = null;
  const release = async (answer: ChatUIMessage | null) => {
    if (version === null) return;
    const begun = version;
    version = null;
    const outcome = await finishTurn(db, { id: chatId, version: begun, answer });
    if (outcome !== "saved") console.warn(`[chat] answer for chat ${chatId} not saved: ${outcome}`);
  };
  let stopListening = async () => {};
  const answer = (messages: ChatUIMessage[], admitted?: Promise<boolean>) =>
    chatAnswerStream({
      ...request,
      messages,
      admitted,
      signal: controller.signal,
      timings,
      onEnd: async (answer) => {
        await stopListening().catch((error) => console.error("[chat] could not unsubscribe", error));
        await release(answer).catch((error) =>
          console.error("[chat] could not save the answer", chatId, error),
        );
      },
    });
  // The first question of a new chat has no history to wait for: its search runs while the turn
  // is saved, and the answer starts once it is.
  const answering =
    question && parentId === null
      ? answer(
          [question],
          turn.then(
            (begun) => typeof begun !== "string",
            () => false,
          ),
        )
      : null;
  answering?.catch(() => {});
  try {
    const begun = await turn;
    if (typeof begun === "string") throw REFUSALS[begun];
    version = begun.version;
    stopListening = await streams.onStop(streamId, () => controller.abort());
    const stream = await (answering ?? answer(begun.messages));
    return createUIMessageStreamResponse({
      stream,
      consumeSseStream: ({ stream: sse }) => {
        streams
          .keep(streamId, sse)
          .catch((error) => console.error("[chat] could not keep the answer", error));
      },
    });
  } catch (error) {
    controller.abort();
    void answering?.then((stream) => stream.cancel()).catch(() => {});
    await stopListening().catch(() => {});
    await release(null);
    throw error;
  }
}

/** The answer being written in a chat, from its beginning; 204 when none is. */
export async function resumeAnswer(chat: ChatKey): Promise<Response> {
  const streamId = await activeStreamOf(await getDb(), chat);
  const stream = streamId ? await getAnswerStreams().resume(streamId) : null;
  if (!stream) return new Response(null, { status: 204 });
  return new Response(stream.pipeThrough(new TextEncoderStream()), { headers: UI_MESSAGE_STREAM_HEADERS });
}

/** Stops the answer being written in a chat, on whichever instance writes it; false when none is. */
export async function stopAnswer(chat: ChatKey): Promise<boolean> {
  const streamId = await activeStreamOf(await getDb(), chat);
  if (!streamId) return false;
  await getAnswerStreams().stop(streamId);
  return true;
}
