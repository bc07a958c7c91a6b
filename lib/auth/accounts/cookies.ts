import "server-only";
import { SESSION_DAYS } from "../session";

/**
 * The browser keeps the session cookie this long; the session it names expires on the server after
 * SESSION_DAYS without use (sliding), which is what counts. Better Auth sets the cookie's Max-Age
 * to the session's first expiry, so a session in daily use would lose its cookie after a week.
 */
const COOKIE_DAYS = 400;

/** A response with the Set-Cookie headers of a Better Auth call (`returnHeaders: true`). */
export function withAuthCookies(response: Response, authHeaders: Headers): Response {
  for (const cookie of authHeaders.getSetCookie()) {
    const kept = cookie.replace(/Max-Age=(\d+)/i, (whole, seconds) =>
      Number(seconds) === SESSION_DAYS * 86_400 ? `Max-Age=${COOKIE_DAYS * 86_400}` : whole,
    );
    response.headers.append("set-cookie", kept);
  }
  return response;
}
