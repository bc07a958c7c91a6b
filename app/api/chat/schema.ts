import { z } from "zod";

/** useChat's default body ({id, messages, trigger, messageId}) plus the chat page's own options. */
export const chatRequestSchema = z.object({
  id: z.string().min(1).max(200),
  messages: z.array(z.unknown()).min(1, "Send at least one message.").max(500),
  trigger: z.enum(["submit-message", "regenerate-message"]).default("submit-message"),
  messageId: z.string().optional(),
  documentIds: z.array(z.string().uuid()).max(1000).optional(),
  useDocuments: z.boolean().default(true),
  /** false for answers that are not part of a saved chat (the compare view's two sides). */
  save: z.boolean().default(true),
});

export const MAX_QUESTION_CHARS = 20_000;

/** A whole request: the conversation is resent every turn, but never needs more than this. */
export const MAX_CHAT_REQUEST_BYTES = 4 * 1024 * 1024;
