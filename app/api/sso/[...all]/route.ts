import { getAuth } from "@/lib/auth/accounts/auth";
import { requireAccountsMode } from "@/lib/auth/mode";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Better Auth's endpoints, for the OpenID Connect round trip (sign-in/social, callback/oidc). */
async function handle(request: Request): Promise<Response> {
  requireAccountsMode();
  return (await getAuth()).handler(request);
}

export const GET = handleErrors("GET /api/sso", handle);
export const POST = handleErrors("POST /api/sso", handle);
