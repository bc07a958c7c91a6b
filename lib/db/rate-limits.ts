import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Database } from "./client";
import { rateLimits } from "./schema";

const WINDOW = sql`interval '1 minute'`;
// The time of the statement itself: now() is when the transaction began, which, for a request that
// waited on another's row lock, can be earlier than the window that request started.
const NOW = sql`clock_timestamp()`;

/**
 * Counts one request against `key` in its current one-minute window, atomically, so that concurrent
 * requests from several instances never both take the last slot. Time is the database's clock, the one
 * clock all instances share.
 */
export async function countRequest(
  db: Database,
  key: string,
): Promise<{ count: number; secondsLeft: number }> {
  const expired = sql`${rateLimits.windowStart} <= ${NOW} - ${WINDOW}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: NOW, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${NOW} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      secondsLeft: sql<number>`ceil(extract(epoch from ${rateLimits.windowStart} + ${WINDOW} - ${NOW}))::int`,
    });
  return row;
}

/** Forgets windows that have ended, so that the table holds about one minute of clients. */
export async function deleteEndedWindows(db: Database): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, sql`${NOW} - ${WINDOW}`));
}
