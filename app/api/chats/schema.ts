import { z } from "zod";

export const chatIdSchema = z.string().min(1).max(200);

export const renameSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "The title must not be empty.")
    .max(200, "Keep the title under 200 characters."),
});

export const exportFormatSchema = z
  .enum(["markdown", "jsonl"], { error: "The format must be markdown or jsonl." })
  .default("markdown");

/** How the JSONL export writes each line (see chatToJsonl). */
const jsonlOptions = {
  context: z.enum(["none", "passages"], { error: "The context must be passages or none." }).default("none"),
  prompt: z.enum(["chatml", "plain"], { error: "The prompt must be chatml or plain." }).default("chatml"),
};

/** `GET /api/chats/{id}/export` */
export const chatExportQuerySchema = z.object({ format: exportFormatSchema, ...jsonlOptions });

/** A longer selection than this is better exported whole. */
const MAX_SELECTED_CHATS = 1000;

/** `GET /api/chats/export`: every chat, or those in `ids` (comma-separated, repeated, or both). */
export const chatsExportQuerySchema = z.object({
  format: z
    .literal("jsonl", { error: "Several chats export as JSONL only: leave format out or set it to jsonl." })
    .default("jsonl"),
  ids: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => [
      ...new Set(
        [value]
          .flat()
          .flatMap((ids) => ids.split(","))
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(chatIdSchema)
        .min(1, "Name at least one chat in ids, or leave ids out to export every chat.")
        .max(
          MAX_SELECTED_CHATS,
          `Select at most ${MAX_SELECTED_CHATS} chats, or leave ids out to export every chat.`,
        ),
    )
    .optional(),
  ...jsonlOptions,
});
