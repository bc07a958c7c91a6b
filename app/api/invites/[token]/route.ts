import { withAuthCookies } from "@/lib/auth/accounts/cookies";
import { acceptInvite } from "@/lib/auth/accounts/invites";
import { signInWithPassword } from "@/lib/auth/accounts/sign-in";
import { requireAccountsMode } from "@/lib/auth/mode";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { acceptSchema } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Accepts an invite with `{password}`: creates the account (or sets its new password) and signs in. */
export const POST = handleErrors(
  "POST /api/invites/[token]",
  async (request: Request, { params }: { params: Promise<{ token: string }> }) => {
    requireAccountsMode();
    const { token } = await params;
    const input = await parseJsonBody(request, acceptSchema);
    const { email } = await acceptInvite(await getDb(), { token, ...input });
    const cookies = await signInWithPassword(request, { email, password: input.password });
    if (!cookies)
      throw new AppError("internal", "The account was made but signing in failed: sign in with it.");
    return withAuthCookies(Response.json({ email }, { status: 201 }), cookies);
  },
);
