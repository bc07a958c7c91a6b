import { z } from "zod";

export const chatIdSchema = z.string().min(1).max(200);

export const renameSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "The title must not be empty.")
    .max(200, "Keep the title under 200 characters."),
});

export const exportFormatSchema = z.enum(["markdown", "jsonl"]).default("markdown");
