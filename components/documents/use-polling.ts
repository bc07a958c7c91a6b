import { useEffect, useRef } from "react";

/**
 * Calls `poll` about every `intervalMs` while `active`, one call at a time, and not at all while
 * the tab is hidden. `poll` answers whether to go on, so that the round that sees the work finish
 * is the last, without waiting for a render. A tab that becomes visible again polls at once, active
 * or not: another tab may have changed things meanwhile.
 */
export function usePolling({
  active,
  poll,
  intervalMs = 1000,
}: {
  active: boolean;
  poll: (signal: AbortSignal) => Promise<boolean>;
  intervalMs?: number;
}) {
  const latestPoll = useRef(poll);
  useEffect(() => {
    latestPoll.current = poll;
  }, [poll]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | null = null;
    let disposed = false;

    const run = async () => {
      timer = undefined;
      if (inFlight || document.visibilityState !== "visible") return;
      const controller = new AbortController();
      inFlight = controller;
      let goOn = active;
      try {
        goOn = await latestPoll.current(controller.signal);
      } catch {
        // Aborted, or the server was unreachable: the next round tries again.
      }
      inFlight = null;
      if (!disposed && active && goOn) timer = setTimeout(run, intervalMs);
    };

    const onVisibilityChange = () => {
      clearTimeout(timer);
      timer = undefined;
      if (document.visibilityState === "visible") void run();
    };

    if (active) void run();
    document.addEventListener("visibilitychange", onVisibilityChange);
    return () => {
      disposed = true;
      clearTimeout(timer);
      inFlight?.abort();
      document.removeEventListener("visibilitychange", onVisibilityChange);
    };
  }, [active, intervalMs]);
}
