import { findChat, isDeletedChat } from "@/lib/db/chats";
import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { messageText } from "./message-parts";
import type { ChatUIMessage } from "./types";

/** What the person saw of a message: its role and text, whatever its id. */
const seen = (message: ChatUIMessage) => `${message.role}\u0000${messageText(message).trim()}`;

/**
 * Whether a request's conversation carries on from the saved one. The saved chat, less its last
 * answer, must begin the request: a new question extends it, a regenerated or stopped answer replaces
 * its last answer. A page that missed later turns (another tab, say) fails this, and saving what it
 * sent would erase them.
 */
export function continuesConversation(saved: ChatUIMessage[], incoming: ChatUIMessage[]): boolean {
  const kept = saved.at(-1)?.role === "assistant" ? saved.slice(0, -1) : saved;
  return kept.length <= incoming.length && kept.every((message, n) => seen(message) === seen(incoming[n]));
}

/**
 * Refuses, before anything is generated, a turn that could not be saved: its chat was deleted, or it
 * does not carry on from the saved chat. saveChat checks the same again when the answer ends.
 */
export async function checkContinuesSavedChat(db: Database, id: string, incoming: ChatUIMessage[]) {
  const saved = await findChat(db, id);
  if (!saved) {
    if (await isDeletedChat(db, id))
      throw new AppError("not_found", "This chat was deleted. Start a new chat to go on.");
    return;
  }
  if (!continuesConversation(saved.messages, incoming)) {
    throw new AppError(
      "conflict",
      "This chat has changed in another tab or window. Reload the page to see it, then ask again.",
    );
  }
}
