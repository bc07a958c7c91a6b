import { z } from "zod";

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address.")),
  role: z.enum(["admin", "member"]).default("member"),
});

export const acceptSchema = z.object({
  password: z.string().min(8, "Choose a password of at least 8 characters.").max(256),
  name: z.string().trim().max(100).optional(),
});
