import { AUTH_BASE_PATH, getAuth, OIDC_PROVIDER_ID } from "@/lib/auth/accounts/auth";
import { requireAccountsMode } from "@/lib/auth/mode";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The two Better Auth endpoints of the OpenID Connect round trip, and nothing else of its HTTP API:
 * its admin endpoints (impersonation, passwords, roles) and key endpoints would go around the app's
 * own rules (lib/auth/accounts/manage.ts).
 */
const SSO_PATHS = new Set([
  `${AUTH_BASE_PATH}/sign-in/social`,
  `${AUTH_BASE_PATH}/callback/${OIDC_PROVIDER_ID}`,
]);

async function handle(request: Request): Promise<Response> {
  requireAccountsMode();
  if (!SSO_PATHS.has(new URL(request.url).pathname)) throw new AppError("not_found", "No such endpoint.");
  return (await getAuth()).handler(request);
}

export const GET = handleErrors("GET /api/sso", handle);
export const POST = handleErrors("POST /api/sso", handle);
