import { AppError } from "@/lib/errors";

type Window = { startedAt: number; count: number };

const holder = globalThis as typeof globalThis & { __rateLimits?: Map<string, Window> };

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

/**
 * A fixed one-minute window per client and action, kept in this process's memory (one instance;
 * several instances would need a shared store such as Redis). Over the limit: a 429 with a
 * message saying when to try again.
 */
export function enforceRateLimit(
  request: Request,
  { action, perMinute }: { action: string; perMinute: number },
) {
  holder.__rateLimits ??= new Map();
  const windows = holder.__rateLimits;
  const now = Date.now();
  const key = `${action}:${clientKey(request)}`;
  const current = windows.get(key);
  if (!current || now - current.startedAt >= 60_000) {
    windows.set(key, { startedAt: now, count: 1 });
    if (windows.size > 10_000)
      for (const [name, window] of windows) if (now - window.startedAt >= 60_000) windows.delete(name);
    return;
  }
  current.count++;
  if (current.count > perMinute) {
    const seconds = Math.ceil((current.startedAt + 60_000 - now) / 1000);
    throw new AppError(
      "rate_limited",
      `Too many ${action} requests: at most ${perMinute} a minute. Try again in ${seconds} s.`,
    );
  }
}
