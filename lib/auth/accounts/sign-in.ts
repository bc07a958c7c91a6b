import "server-only";
import { APIError } from "better-auth/api";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { clientKey } from "@/lib/rate-limit";
import { throttledSignIn } from "../sign-in-throttle";
import { getAuth } from "./auth";

/**
 * Checks an email and password, slowed down by recent failures on the account and the address
 * (never refused for them), and opens a session. The Set-Cookie headers to send come back; null
 * when the pair is wrong. A disabled account is refused with a 403 once its password is right.
 */
export async function signInWithPassword(
  request: Request,
  { email, password }: { email: string; password: string },
): Promise<Headers | null> {
  const auth = await getAuth();
  const { result } = await throttledSignIn(
    await getDb(),
    { email, address: clientKey(request) },
    async () => {
      try {
        const { headers } = await auth.api.signInEmail({
          body: { email: email.trim().toLowerCase(), password, rememberMe: true },
          headers: request.headers,
          returnHeaders: true,
        });
        return headers;
      } catch (error) {
        if (error instanceof APIError && error.statusCode === 401) return null;
        if (error instanceof APIError && error.statusCode === 403)
          throw new AppError("forbidden", "This account is disabled. Ask an admin to enable it.");
        throw error;
      }
    },
  );
  return result;
}
