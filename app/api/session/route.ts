import { APIError } from "better-auth/api";
import { getAuth } from "@/lib/auth/accounts/auth";
import { withAuthCookies } from "@/lib/auth/accounts/cookies";
import { signInWithPassword } from "@/lib/auth/accounts/sign-in";
import { requireAccountsMode } from "@/lib/auth/mode";
import { ACCOUNT_SESSION_COOKIE } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { handleErrors, parseJsonBody } from "@/lib/http";
import { signInSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Signs in with `{email, password}`: sets the session cookie; 401 on a wrong pair. */
export const POST = handleErrors("POST /api/session", async (request: Request) => {
  requireAccountsMode();
  const credentials = await parseJsonBody(request, signInSchema);
  const cookies = await signInWithPassword(request, credentials);
  if (!cookies) throw new AppError("unauthorized", "Wrong email or password.");
  return withAuthCookies(Response.json({ signedIn: true }), cookies);
});

/** Signs out: ends this session on the server (everywhere its cookie is used) and clears the cookie. */
export const DELETE = handleErrors("DELETE /api/session", async (request: Request) => {
  requireAccountsMode();
  const auth = await getAuth();
  try {
    const { headers } = await auth.api.signOut({ headers: request.headers, returnHeaders: true });
    return withAuthCookies(Response.json({ signedOut: true }), headers);
  } catch (error) {
    // No session behind the cookie (ended already): still clear the cookie.
    if (!(error instanceof APIError)) throw error;
    const secure = new URL(request.url).protocol === "https:";
    const response = Response.json({ signedOut: true });
    for (const name of [ACCOUNT_SESSION_COOKIE, `__Secure-${ACCOUNT_SESSION_COOKIE}`])
      response.headers.append(
        "set-cookie",
        `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure || name.startsWith("__Secure-") ? "; Secure" : ""}`,
      );
    return response;
  }
});
