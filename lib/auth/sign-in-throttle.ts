import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@/lib/db/client";
import { addFailure, clearFailures, recentFailures } from "@/lib/db/sign-in-failures";

/** Failures on a key before sign-in on it starts to wait. */
const FREE_FAILURES = 3;
const FIRST_WAIT_MS = 500;
const LONGEST_WAIT_MS = 15_000;

/** How long an attempt waits after `failures` recent failures on its account or its address. */
export function signInWaitMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES), LONGEST_WAIT_MS);
}

/**
 * Runs a sign-in `attempt` (null when the pair is wrong) slowed down by the recent failures on its
 * account and on its address. Nothing is refused: the wait comes before the password is checked,
 * so a right password always gets in (only later, never "locked"), and how fast an answer comes
 * says nothing about whether the guess was right. A success forgets its account's failures.
 */
export async function throttledSignIn<T>(
  db: Database,
  { email, address }: { email: string; address: string },
  attempt: () => Promise<T | null>,
  wait: (ms: number) => Promise<unknown> = sleep,
): Promise<{ result: T | null; waitedMs: number }> {
  const account = `account:${email.trim().toLowerCase()}`;
  const keys = [account, `address:${address}`];
  const waitedMs = signInWaitMs(Math.max(...(await recentFailures(db, keys))));
  if (waitedMs > 0) await wait(waitedMs);
  const result = await attempt();
  if (result === null) await addFailure(db, keys);
  else await clearFailures(db, [account]);
  return { result, waitedMs };
}
