import { env } from "@/lib/config/env";

/**
 * The address people open the app at: APP_URL, or else the request's own origin (right when the app
 * is reached directly; behind a proxy, set APP_URL).
 */
export function appUrl(request: Request): string {
  return env().APP_URL ?? new URL(request.url).origin;
}
