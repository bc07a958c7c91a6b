import { z } from "zod";

export const documentIdSchema = z.string().uuid("That is not a document id.");
