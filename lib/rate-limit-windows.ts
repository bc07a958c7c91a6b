const WINDOW_MS = 60_000;

/** Fixed one-minute windows counted in this process: the same rule as lib/db/rate-limits.ts. */
export class MemoryWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one request against `key` in its current window. */
  count(key: string, now = Date.now()): { count: number; secondsLeft: number } {
    let window = this.windows.get(key);
    if (!window || window.start <= now - WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return { count: window.count, secondsLeft: Math.ceil((window.start + WINDOW_MS - now) / 1000) };
  }

  /** Forgets windows that have ended, so that the map holds about one minute of clients. */
  deleteEnded(now = Date.now()) {
    for (const [key, window] of this.windows) if (window.start <= now - WINDOW_MS) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
