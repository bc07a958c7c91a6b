import { z } from "zod";

/**
 * A turn of the chat. The page sends only the new message (`message`) with the id of the last one
 * it had (`parentId`); the server keeps the history. The older body, the whole conversation as
 * `messages` (useChat's default), is still accepted from API clients: only its last user message
 * is read, and the saved history is what the answer follows.
 */
export const chatRequestSchema = z
  .object({
    id: z.string().min(1).max(200),
    message: z.unknown().optional(),
    messages: z.array(z.unknown()).min(1, "Send at least one message.").max(500).optional(),
    trigger: z.enum(["submit-message", "regenerate-message"]).default("submit-message"),
    messageId: z.string().optional(),
    /** The last message the page had before this turn; null for a chat's first question. */
    parentId: z.string().max(200).nullable().optional(),
    documentIds: z.array(z.string().uuid()).max(1000).optional(),
    useDocuments: z.boolean().default(true),
    /** false for answers that are not part of a saved chat (the compare view's two sides). */
    save: z.boolean().default(true),
    /**
     * "summarize": a summary of the documents in `documentIds` (all documents when absent);
     * "whole-document": the question answered from their whole text instead of retrieved passages.
     */
    task: z.enum(["summarize", "whole-document"]).optional(),
  })
  .refine(
    (body) => body.message !== undefined || body.messages !== undefined || body.trigger !== "submit-message",
    {
      message: "Send the new question as `message`.",
    },
  );

export const MAX_QUESTION_CHARS = 20_000;

/** A whole request; only an API client's full-conversation body comes near it. */
export const MAX_CHAT_REQUEST_BYTES = 4 * 1024 * 1024;
