import { z } from "zod";
import { safeRedirectPath, sessionSecret } from "@/lib/auth/config";
import { createSessionValue, passwordMatches, SESSION_COOKIE, SESSION_DAYS } from "@/lib/auth/session";
import { throttledSignIn } from "@/lib/auth/sign-in-throttle";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { clientKey } from "@/lib/rate-limit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The one account of APP_PASSWORD mode, as the slow-down counts it. */
const ONE_PASSWORD_ACCOUNT = "app-password";

const signInSchema = z.object({ password: z.string().min(1).max(1000), next: z.string().optional() });

/**
 * Accepts the sign-in form (or JSON); sets the signed, httpOnly session cookie. Redirects are relative:
 * behind a proxy or in a container, request.url names the address the server listens on (0.0.0.0),
 * not the one the person typed.
 */
export const POST = handleErrors("POST /api/auth/sign-in", async (request: Request) => {
  const secret = sessionSecret();
  if (!secret) throw new AppError("bad_request", "Sign-in is off: APP_PASSWORD is not set.");
  const isForm = request.headers.get("content-type")?.includes("form");
  const raw = isForm ? Object.fromEntries(await request.formData()) : await request.json().catch(() => ({}));
  const parsed = signInSchema.safeParse(raw);
  const next = safeRedirectPath(parsed.success ? parsed.data.next : undefined);
  // Wrong passwords slow later attempts (on this address, and on the one password from anywhere)
  // instead of refusing them, so guesses never lock the right password out.
  const { result: signedIn } = parsed.success
    ? await throttledSignIn(
        await getDb(),
        { email: ONE_PASSWORD_ACCOUNT, address: clientKey(request) },
        async () =>
          (await passwordMatches(env().APP_PASSWORD as string, parsed.data.password)) ? true : null,
      )
    : { result: null };
  if (!signedIn) {
    if (isForm)
      return new Response(null, {
        status: 303,
        headers: { location: `/sign-in?error=1&next=${encodeURIComponent(next)}` },
      });
    throw new AppError("unauthorized", "Wrong password.");
  }
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  const cookie = `${SESSION_COOKIE}=${await createSessionValue(secret)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_DAYS * 86400}${secure}`;
  const headers = new Headers({ "set-cookie": cookie });
  if (isForm) {
    headers.set("location", next);
    return new Response(null, { status: 303, headers });
  }
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify({ signedIn: true }), { status: 200, headers });
});
