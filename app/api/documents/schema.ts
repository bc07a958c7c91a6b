import { z } from "zod";

/** Files one request may carry; their total may not exceed this many times MAX_UPLOAD_MB. */
export const MAX_FILES_PER_REQUEST = 4;

export const uploadSchema = z.object({
  files: z
    .array(z.instanceof(File, { message: "every `file` field must be a file" }))
    .min(1, "Attach at least one document in a `file` field.")
    .max(MAX_FILES_PER_REQUEST, `Upload at most ${MAX_FILES_PER_REQUEST} files per request.`),
});

export const documentIdSchema = z.string().uuid("That is not a document id.");
