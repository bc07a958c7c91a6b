import { appUrl } from "@/lib/auth/accounts/app-url";
import { issueInvite } from "@/lib/auth/accounts/invites";
import { requireAccountsMode } from "@/lib/auth/mode";
import { requireAdmin } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { inviteSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * An admin invites `{email, role}`: the link (`url`, with its `token`) works once, for 7 days. For an
 * email that has an account, the link sets a new password instead (a reset).
 */
export const POST = handleErrors("POST /api/invites", async (request: Request) => {
  requireAccountsMode();
  const admin = await requireAdmin(request);
  const input = await parseJsonBody(request, inviteSchema);
  const invite = await issueInvite(await getDb(), { ...input, createdBy: admin.userId });
  return Response.json(
    {
      url: new URL(`/invite/${invite.token}`, appUrl(request)).href,
      token: invite.token,
      email: invite.email,
      role: invite.role,
      reset: invite.reset,
      expiresAt: invite.expiresAt.toISOString(),
    },
    { status: 201 },
  );
});
