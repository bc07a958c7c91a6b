// The body the chat page sends for a turn (client-safe: no server imports).
import type { ChatRequestOptions, ChatUIMessage } from "./types";

/**
 * Only the new question travels, with the id of the message before it: the server answers from
 * its own saved history and refuses the turn if that history has moved on since the page last saw it.
 * A regenerate sends no message; it names the question it answers again.
 */
export function turnRequestBody(
  {
    id,
    messages,
    trigger,
    messageId,
    body,
  }: {
    id: string;
    messages: ChatUIMessage[];
    trigger: "submit-message" | "regenerate-message";
    messageId?: string;
    /** What one sendMessage call adds (a summary's task and scope). */
    body?: object;
  },
  options: ChatRequestOptions,
) {
  const submit = trigger === "submit-message";
  const parent = submit ? messages.at(-2) : messages.at(-1);
  return {
    id,
    trigger,
    messageId,
    ...(submit ? { message: messages.at(-1) } : {}),
    parentId: parent?.id ?? null,
    ...options,
    ...body,
  };
}
