import { withAuthCookies } from "@/lib/auth/accounts/cookies";
import { createFirstAdmin } from "@/lib/auth/accounts/first-admin";
import { signInWithPassword } from "@/lib/auth/accounts/sign-in";
import { requireAccountsMode } from "@/lib/auth/mode";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { acceptSchema } from "../invites/schema";
import { signInSchema } from "../session/schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const setupSchema = signInSchema.extend({
  password: acceptSchema.shape.password,
  name: acceptSchema.shape.name,
});

/** On a deployment with no account yet, `{email, password}` creates the admin and signs them in; 409 after. */
export const POST = handleErrors("POST /api/setup", async (request: Request) => {
  requireAccountsMode();
  const input = await parseJsonBody(request, setupSchema);
  await createFirstAdmin(input);
  const cookies = await signInWithPassword(request, input);
  if (!cookies) throw new AppError("internal", "The admin was made but signing in failed: sign in with it.");
  return withAuthCookies(Response.json({ email: input.email }, { status: 201 }), cookies);
});
