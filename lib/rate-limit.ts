import { getConnection } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { peekProcessState, setProcessState } from "@/lib/process-state";
import { rateLimitWindows } from "./rate-limit-windows";

/**
 * The client a request comes from: the last X-Forwarded-For address, which is the one the nearest
 * proxy saw; earlier entries are whatever the client sent. Next sets the header for a direct
 * connection only when the client did not, so an app open to the internet belongs behind a proxy.
 */
export function clientKey(request: Request): string {
  return (
    request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() ||
    request.headers.get("x-real-ip") ||
    "direct"
  );
}

const CLEANUP_EVERY_MS = 60_000;

/**
 * A fixed one-minute window per client and action, counted where every instance sees it (see
 * rate-limit-windows.ts). Over the limit: a 429 saying when to try again, in its message and its
 * Retry-After.
 */
export async function enforceRateLimit(
  request: Request,
  {
    action,
    perMinute,
    client = clientKey(request),
  }: {
    action: string;
    perMinute: number;
    /** Who is counted: the client by default; a fixed value counts every request of the action together. */
    client?: string;
  },
): Promise<void> {
  const windows = rateLimitWindows(await getConnection());
  const { count, secondsLeft } = await windows.count(`${action}:${client}`);
  const now = Date.now();
  if (now - (peekProcessState<number>("rateLimitCleanupAt") ?? 0) >= CLEANUP_EVERY_MS) {
    setProcessState("rateLimitCleanupAt", now);
    windows.deleteEnded().catch((error) => console.error("[rate-limit] cleanup failed", error));
  }
  if (count > perMinute) {
    const wait = Math.max(secondsLeft, 1);
    throw new AppError(
      "rate_limited",
      `Too many ${action} requests: at most ${perMinute} a minute. Try again in ${wait} s.`,
      { retryAfterSeconds: wait },
    );
  }
}
