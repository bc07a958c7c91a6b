import "server-only";
import type { Connection } from "@/lib/db/client";
import { countRequest, deleteEndedWindows } from "@/lib/db/rate-limits";
import { processState } from "@/lib/process-state";

const WINDOW_MS = 60_000;

/** Where fixed one-minute windows are counted. */
export type RateLimitWindows = {
  /** Counts one request against `key` in its current window. */
  count(key: string): Promise<{ count: number; secondsLeft: number }>;
  /** Forgets windows that have ended, so that the store holds about one minute of clients. */
  deleteEnded(): Promise<void>;
};

/**
 * On Postgres, the database, which every instance shares. PGlite belongs to one process, which is
 * then the whole deployment: its windows are counted in memory (the database write was a tenth of a
 * search's time).
 */
export function rateLimitWindows({ db, kind }: Connection): RateLimitWindows {
  if (kind === "pglite") return processState("rateLimitWindows", () => new MemoryWindows());
  return { count: (key) => countRequest(db, key), deleteEnded: () => deleteEndedWindows(db) };
}

/** Fixed one-minute windows counted in this process: the same rule as lib/db/rate-limits.ts. */
export class MemoryWindows implements RateLimitWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();

  async count(key: string, now = Date.now()) {
    let window = this.windows.get(key);
    if (!window || window.start <= now - WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, secondsLeft: Math.ceil((window.start + WINDOW_MS - now) / 1000) };
  }

  async deleteEnded(now = Date.now()) {
    for (const [key, window] of this.windows) if (window.start <= now - WINDOW_MS) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
