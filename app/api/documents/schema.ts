import { z } from "zod";

export const uploadSchema = z.object({
  files: z
    .array(z.instanceof(File, { message: "every `file` field must be a file" }))
    .min(1, "Attach at least one document in a `file` field.")
    .max(50, "Upload at most 50 files at once."),
});

export const documentIdSchema = z.string().uuid("That is not a document id.");
